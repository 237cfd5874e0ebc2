namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// What travels with a request in its operation field: the id of the client request it serves (so every attempt it
/// causes can be counted against it) and whether this hop is mTLS or plaintext. Null, from a client outside the mesh,
/// is plaintext with no request id.
/// </summary>
public readonly record struct MeshCall(long Root, bool Mtls)
{
    private const string MtlsWord = "mtls";
    private const string PlainWord = "plain";

    public string Format() => $"{Root}/{(Mtls ? MtlsWord : PlainWord)}";

    public static MeshCall Parse(string? operation)
    {
        if (operation is null)
        {
            return new MeshCall(0, false);
        }
        int slash = operation.IndexOf('/');
        long root = long.Parse(slash < 0 ? operation : operation.AsSpan(0, slash), System.Globalization.CultureInfo.InvariantCulture);
        return new MeshCall(root, slash >= 0 && operation.AsSpan(slash + 1).SequenceEqual(MtlsWord));
    }
}

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// The one policy the control plane pushes to every proxy: retries, timeouts, the canary weight and mTLS. Hops are
/// numbered from the edge: hop 1 is the client's call to web, hop <see cref="ServiceMeshPattern.Depth"/> the call to payments.
/// </summary>
/// <param name="Retries">Retries the mesh allows a request.</param>
/// <param name="RetriesAtEveryHop">Break it: every hop gets <paramref name="Retries"/>, not only the edge.</param>
/// <param name="CanaryPercent">Share of payments traffic for pay-v2.</param>
/// <param name="MtlsStrict">True: proxies refuse plaintext; false (permissive): they accept both.</param>
/// <param name="LeafTimeout">Per-attempt timeout on the last hop.</param>
public sealed record MeshPolicy(int Retries, bool RetriesAtEveryHop, int CanaryPercent, bool MtlsStrict, TimeSpan LeafTimeout)
{
    /// <summary>Pause between two attempts of one request.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(25);

    /// <summary>What each hop's timeout adds above the worst case of the hop below: the work and the network in between.</summary>
    public static readonly TimeSpan HopMargin = TimeSpan.FromMilliseconds(100);

    /// <summary>Retries at one point of the stack, the edge; inner hops pass a failure up at once.</summary>
    public int RetriesAt(int hop) => RetriesAtEveryHop || hop == 1 ? Retries : 0;

    /// <summary>
    /// Each hop waits for the whole of the hop below, its retries included, so an attempt never times out while the
    /// call below it still works on it: the hops' timeouts are consistent because one place computes them.
    /// </summary>
    public TimeSpan TimeoutAt(int hop) => hop >= ServiceMeshPattern.Depth
        ? LeafTimeout
        : (1 + RetriesAt(hop + 1)) * (TimeoutAt(hop + 1) + RetryDelay) + HopMargin;

    /// <summary>Attempts one client request may make reach any one service: one, plus the edge's retries.</summary>
    public int AttemptBound => 1 + Retries;

    /// <summary>Attempts at the leaf per client request when every attempt fails: (1 + r) at every retrying hop, multiplied.</summary>
    public double LeafLoadWhenFailing
    {
        get
        {
            double load = 1;
            for (int hop = 1; hop <= ServiceMeshPattern.Depth; hop++)
            {
                load *= 1 + RetriesAt(hop);
            }
            return load;
        }
    }
}

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>
/// The identity provider: it issues each client's bearer token and knows which tokens are valid. The gateway asks it
/// about every request; the monitor asks it about every request that reaches a service, so the two judge alike.
/// </summary>
public sealed class TokenAuthority
{
    private readonly HashSet<string> valid = new(StringComparer.Ordinal);
    private int serial;

    /// <summary>A fresh, valid token for the client.</summary>
    public string Issue(string clientId)
    {
        string token = $"{clientId}.{++serial}";
        valid.Add(token);
        return token;
    }

    /// <summary>A token that was the client's once and has expired: signed, but no longer accepted.</summary>
    public string IssueExpired(string clientId) => $"{clientId}.{++serial}.expired";

    public bool IsValid(string? token) => token is not null && valid.Contains(token);
}

namespace PatternDashboard.Web.Sessions;

/// <summary>How to start a session: a seed (random when absent), a node count and pattern options.</summary>
public sealed record CreateSessionRequest(long? Seed = null, int? NodeCount = null, IReadOnlyDictionary<string, double>? Options = null);

/// <summary>Thrown when a limit from configuration (sessions per owner, total sessions) refuses a new session.</summary>
public sealed class SessionLimitException(string message) : Exception(message);

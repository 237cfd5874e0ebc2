using System.Threading.RateLimiting;

namespace PatternDashboard.Web.Hosting;

/// <summary>The client address that rate limits count by, and the wait a refused lease asks for.</summary>
public static class ClientAddress
{
    /// <summary>The remote address, or "unknown" (an in-memory test server has none): those share one count.</summary>
    public static string Of(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Whole seconds until a refused lease's window opens again (at least 1); the window itself when the limiter does not say.</summary>
    public static int WaitSeconds(RateLimitLease lease, TimeSpan window) =>
        (int)Math.Max(1, Math.Ceiling((lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window).TotalSeconds));
}

using System.Threading.RateLimiting;

namespace PatternDashboard.Simulation.Patterns.Shared.RateLimiting;

/// <summary>The answer of a clocked limiter: granted, or refused with when to try again (the Retry-After of a 429).</summary>
internal sealed class Lease : RateLimitLease
{
    public static Lease Granted { get; } = new(null);

    private readonly TimeSpan? retryAfter;

    public Lease(TimeSpan? retryAfter) => this.retryAfter = retryAfter;

    public override bool IsAcquired => retryAfter is null;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = after;
            return true;
        }
        metadata = null;
        return false;
    }
}

namespace PatternDashboard.Web.Tests.Sessions;

/// <summary>A wall clock that moves only when the test says, optionally a little on every reading.</summary>
public sealed class ManualClock : TimeProvider
{
    private long ticks = DateTimeOffset.Parse("2026-01-01T00:00:00Z").UtcTicks;

    /// <summary>Added on every reading, to make time pass while code runs (for fast-forward progress).</summary>
    public TimeSpan AdvanceOnRead { get; set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Read();

    public override DateTimeOffset GetUtcNow() => new(Read(), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    private long Read() => Interlocked.Add(ref ticks, AdvanceOnRead.Ticks);
}

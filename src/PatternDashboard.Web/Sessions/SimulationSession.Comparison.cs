using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

// A session that is one side of a comparison: the side with the difference keeps no clock of its own but follows the
// other side's simulated time, so the two stay on one clock whatever the tick budget lets each run.
public sealed partial class SimulationSession
{
    private volatile SimulationSession? clockSource;
    private volatile ComparisonInfo? comparison;

    // The simulation clock in ticks, written under gate after the clock moved, read by a follower without the lock.
    private long clockTicks;

    /// <summary>The comparison this session is a side of, or null; the same for every viewer.</summary>
    public ComparisonInfo? Comparison => comparison;

    /// <summary>Cancelled when the session closes.</summary>
    internal CancellationToken Closing => closing.Token;

    /// <summary>The value of one of the run's options (they never change after it starts), or null for an unknown name.</summary>
    internal double? OptionValue(string name) => simulation.Options.TryGetValue(name, out double value) ? value : null;

    /// <summary>The simulated time this session's clock has reached, readable without its lock.</summary>
    internal TimeSpan ClockNow => TimeSpan.FromTicks(Interlocked.Read(ref clockTicks));

    /// <summary>
    /// Makes this session part of <paramref name="info"/> (or of none, when null) and publishes that, so every viewer
    /// learns of it. With a <paramref name="source"/> it follows that session's clock from now on.
    /// </summary>
    internal async Task JoinComparisonAsync(ComparisonInfo? info, SimulationSession? source)
    {
        await EnterAsync().ConfigureAwait(false);
        try
        {
            comparison = info;
            clockSource = source;
            PublishLocked();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs this session up to <paramref name="target"/> at once (a follower catching its source up), then publishes.</summary>
    internal async Task CatchUpToAsync(TimeSpan target)
    {
        await EnterAsync().ConfigureAwait(false);
        try
        {
            if (fastForward is null && target > simulation.Clock.Now)
            {
                AdvanceLocked(target, int.MaxValue, TimeSpan.MaxValue);
            }
            PublishLocked();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A follower's tick: it runs to where its source's clock is, whatever its own status says.</summary>
    private bool FollowLocked()
    {
        if (clockSource is not { } source || fastForward is not null)
        {
            return false;
        }
        var target = source.ClockNow;
        if (target > simulation.Clock.Now)
        {
            AdvanceLocked(target, MaxEventsPerTick, TickBudget);
            dirty = true;
        }
        // Status and speed mirror the source, so the follower's viewers see the same toolbar.
        var sourceState = source.Current;
        if (sourceState.Status != SessionStatus.FastForwarding && (status != sourceState.Status || speed != sourceState.Speed))
        {
            (status, speed) = (sourceState.Status, sourceState.Speed);
            dirty = true;
        }
        PublishIfDueLocked();
        return true;
    }

    private void NoteClockLocked() => Interlocked.Exchange(ref clockTicks, simulation.Clock.Now.Ticks);
}

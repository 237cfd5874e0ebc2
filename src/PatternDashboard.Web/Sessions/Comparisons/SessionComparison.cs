using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions.Comparisons;

/// <summary>
/// Two sessions compared side by side. The side with the difference follows the other's clock (see
/// <see cref="SimulationSession.ClockNow"/>); an input meant for both is given while both stand still at the same
/// simulated moment, so neither run sees it a tick later than the other. One input at a time.
/// </summary>
public sealed class SessionComparison : ISessionComparison
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Dictionary<string, string> twinOfWithout = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> twinOfWith = new(StringComparer.Ordinal);
    private readonly ComparisonManager owner;
    private volatile ComparisonInfo info;

    internal SessionComparison(ComparisonManager owner, ComparisonInfo info, SimulationSession without, SimulationSession with, FaultRequest? difference)
    {
        this.owner = owner;
        this.info = info;
        Without = without;
        With = with;
        Difference = difference;
    }

    public ComparisonInfo Info => info;

    public SimulationSession Without { get; }

    public SimulationSession With { get; }

    /// <summary>The fault the side with the difference was given at <see cref="ComparisonInfo.Since"/>, or null for an option.</summary>
    internal FaultRequest? Difference { get; }

    public bool IsClosed => Without.IsClosed || With.IsClosed;

    public Task ControlAsync(ControlAction action, double? value = null) => InTurnAsync(async () =>
    {
        switch (action)
        {
            case ControlAction.Play or ControlAction.Speed:
                await Without.ControlAsync(action, value).ConfigureAwait(false);
                await With.ControlAsync(action, value).ConfigureAwait(false);
                break;
            case ControlAction.Pause or ControlAction.Step:
                await Without.ControlAsync(action, value).ConfigureAwait(false);
                await With.ControlAsync(ControlAction.Pause).ConfigureAwait(false);
                await With.CatchUpToAsync(Without.ClockNow).ConfigureAwait(false);
                break;
            case ControlAction.Reset:
                await Without.ControlAsync(action, value).ConfigureAwait(false);
                await With.ControlAsync(action, value).ConfigureAwait(false);
                await RestartDifferenceAsync().ConfigureAwait(false);
                break;
            default:
                await Without.ControlAsync(action, value).ConfigureAwait(false);
                break;
        }
    });

    public Task<ComparisonFaults> InjectFaultAsync(FaultRequest request, ComparisonSide side = ComparisonSide.Both)
    {
        if (request is null)
        {
            throw new SimulationInputException("A fault request is required.");
        }
        return InTurnAsync(() => StandingStillAsync(async () =>
        {
            ActiveFault? without = null, with = null;
            if (side != ComparisonSide.With)
            {
                without = await Without.InjectFaultAsync(request).ConfigureAwait(false);
            }
            if (side != ComparisonSide.Without)
            {
                try
                {
                    with = await With.InjectFaultAsync(request).ConfigureAwait(false);
                }
                catch (SimulationInputException e) when (without is not null)
                {
                    // One side could not take it (no leader to crash, say): undo it on the other, so the two differ in one thing only.
                    await Without.ClearFaultAsync(without.Id).ConfigureAwait(false);
                    throw new SimulationInputException($"The run with {info.Difference} could not take this fault, so neither run has it: {e.Message}");
                }
            }
            if (without is not null && with is not null)
            {
                lock (twinOfWithout)
                {
                    twinOfWithout[without.Id] = with.Id;
                    twinOfWith[with.Id] = without.Id;
                }
            }
            return new ComparisonFaults(without, with);
        }));
    }

    public Task ClearFaultAsync(ComparisonSide side, string activeFaultId)
    {
        if (string.IsNullOrWhiteSpace(activeFaultId))
        {
            throw new SimulationInputException("An active fault id is required.");
        }
        return InTurnAsync(() => StandingStillAsync(async () =>
        {
            var (primary, other, twins, back) = side == ComparisonSide.With
                ? (With, Without, twinOfWith, twinOfWithout)
                : (Without, With, twinOfWithout, twinOfWith);
            await primary.ClearFaultAsync(activeFaultId).ConfigureAwait(false);
            string? twin;
            lock (twinOfWithout)
            {
                if (twins.Remove(activeFaultId, out twin))
                {
                    back.Remove(twin);
                }
            }
            if (twin is not null && other.Current.Snapshot.ActiveFaults.Any(f => f.Id == twin))
            {
                await other.ClearFaultAsync(twin).ConfigureAwait(false);
            }
        }));
    }

    public Task ShowDamageAsync(string switchId, ComparisonSide side = ComparisonSide.Both) => InTurnAsync(() => StandingStillAsync(async () =>
    {
        if (side != ComparisonSide.With)
        {
            await Without.ShowDamageAsync(switchId).ConfigureAwait(false);
        }
        if (side != ComparisonSide.Without)
        {
            await With.ShowDamageAsync(switchId).ConfigureAwait(false);
        }
    }));

    public Task RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default)
    {
        SimulationSession.CheckRunFor(simulatedTime);
        return InTurnAsync(() => StandingStillAsync(async () =>
        {
            await Task.WhenAll(Without.RunForAsync(simulatedTime, cancellationToken), With.RunForAsync(simulatedTime, cancellationToken)).ConfigureAwait(false);
        }));
    }

    public Task TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default)
    {
        SimulationSession.CheckTravel(simulatedTime.TotalSeconds);
        if (simulatedTime.TotalSeconds < info.Since - 1e-9)
        {
            throw new SimulationInputException(
                $"The two runs differ from {info.Since:0.###} s on; jump to that moment or later (before it they are the same run).");
        }
        return InTurnAsync(async () =>
        {
            await Without.ControlAsync(ControlAction.Pause).ConfigureAwait(false);
            await With.ControlAsync(ControlAction.Pause).ConfigureAwait(false);
            // One after the other, the side without first: the other side follows its clock forward, so had it landed
            // first it could have followed the side without, not yet back, to where both had just been.
            await Without.TravelToAsync(simulatedTime, cancellationToken).ConfigureAwait(false);
            await With.TravelToAsync(simulatedTime, cancellationToken).ConfigureAwait(false);
        });
    }

    public async Task<ComparisonRecording> ExportAsync()
    {
        var without = await Without.ExportRecordingAsync().ConfigureAwait(false);
        var with = await With.ExportRecordingAsync().ConfigureAwait(false);
        return new ComparisonRecording(ComparisonRecording.CurrentFormatVersion, ComparisonRecording.ComparisonKind, without, with, info.Difference, info.Since);
    }

    public Task EndAsync() => owner.EndAsync(this);

    /// <summary>After a reset both runs start again at 0; a fault difference is given again there.</summary>
    private async Task RestartDifferenceAsync()
    {
        if (Difference is { } fault)
        {
            await With.InjectFaultAsync(fault).ConfigureAwait(false);
        }
        lock (twinOfWithout)
        {
            twinOfWithout.Clear();
            twinOfWith.Clear();
        }
        info = info with { Since = 0 };
        await Without.JoinComparisonAsync(info, null).ConfigureAwait(false);
        await With.JoinComparisonAsync(info, Without).ConfigureAwait(false);
    }

    private Task StandingStillAsync(Func<Task> change) => StandingStillAsync(async () =>
    {
        await change().ConfigureAwait(false);
        return true;
    });

    /// <summary>Runs <paramref name="change"/> with both runs paused at one simulated moment, then lets them run again if they were.</summary>
    private async Task<T> StandingStillAsync<T>(Func<Task<T>> change)
    {
        bool running = Without.Current.Status == SessionStatus.Running;
        if (running)
        {
            await Without.ControlAsync(ControlAction.Pause).ConfigureAwait(false);
        }
        await With.CatchUpToAsync(Without.ClockNow).ConfigureAwait(false);
        try
        {
            return await change().ConfigureAwait(false);
        }
        finally
        {
            if (running && !IsClosed)
            {
                await Without.ControlAsync(ControlAction.Play).ConfigureAwait(false);
                await With.ControlAsync(ControlAction.Play).ConfigureAwait(false);
            }
        }
    }

    private async Task InTurnAsync(Func<Task> change) => await InTurnAsync(async () =>
    {
        await change().ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);

    private async Task<T> InTurnAsync<T>(Func<Task<T>> change)
    {
        if (IsClosed)
        {
            throw new SimulationInputException($"Comparison '{info.Id}' has ended: one of its runs closed.");
        }
        await turn.WaitAsync().ConfigureAwait(false);
        try
        {
            return await change().ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Kernel.Sequence;

namespace PatternDashboard.Web.Sessions;

// The message-sequence diagram: a window of the run drawn by replaying its recording apart from the live simulation,
// so it reads the same after a jump back, and the live run only waits for the lock long enough to copy its recording.
public sealed partial class SimulationSession
{
    public async Task<SequenceDiagram> GetSequenceDiagramAsync(double fromSeconds, double toSeconds, SequenceFilter? filter = null,
        CancellationToken cancellationToken = default)
    {
        SequenceLimits.Check(fromSeconds, toSeconds, filter);
        Recording source;
        TimeSpan reach;
        await EnterAsync().ConfigureAwait(false);
        try
        {
            // Right after a jump back, the run it came from is still reachable, as for a jump forward.
            var mark = PreviewMarkLocked();
            source = mark?.Source ?? simulation.ToRecording();
            reach = mark is null ? simulation.Clock.Now : Max(mark.SourceEnd, simulation.Clock.Now);
        }
        finally
        {
            gate.Release();
        }
        double end = Math.Min(toSeconds, reach.TotalSeconds);
        if (end <= fromSeconds)
        {
            throw new SimulationInputException(
                $"The run has reached {reach.TotalSeconds:0.###} s; a window starting at {fromSeconds:0.###} s has nothing to show yet.");
        }
        if (end > limits.MaxReplayMinutes * 60.0)
        {
            throw new SimulationInputException(
                $"A diagram replays the run from the start, at most {limits.MaxReplayMinutes} simulated minutes; a window ending at {end / 60:0.#} minutes is too far.");
        }
        // Off the caller's context, as a jump: the replay is CPU work.
        return await Task.Run(() => SequenceDiagramBuilder.Build(Pattern, source, fromSeconds, end, filter, limits.MaxReplayEvents, cancellationToken),
            CancellationToken.None).ConfigureAwait(false);
    }
}

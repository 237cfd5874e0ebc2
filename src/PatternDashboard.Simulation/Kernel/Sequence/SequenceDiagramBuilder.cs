using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Kernel.Sequence;

/// <summary>
/// Draws a window of a run as a message-sequence diagram by replaying its recording into a fresh simulation with a
/// <see cref="SequenceRecorder"/> watching. The same for a live window and a past one: both are a replay of the
/// recording, so the diagram is the run's own, event for event, and the live run is never touched.
/// </summary>
public static class SequenceDiagramBuilder
{
    /// <summary>Events replayed between two looks at the cancellation token and the event limit.</summary>
    private const int ChunkEvents = 50_000;

    /// <summary>
    /// The diagram of <paramref name="fromSeconds"/> to <paramref name="toSeconds"/> of the run <paramref name="recording"/>
    /// describes. A bad window or filter, or a replay of more than <paramref name="maxEvents"/> events, throws
    /// <see cref="SimulationInputException"/>.
    /// </summary>
    public static SequenceDiagram Build(PatternDescriptor pattern, Recording recording, double fromSeconds, double toSeconds,
        SequenceFilter? filter = null, long maxEvents = long.MaxValue, CancellationToken cancellationToken = default)
    {
        SequenceLimits.Check(fromSeconds, toSeconds, filter);
        filter ??= SequenceFilter.All;
        var from = TimeSpan.FromSeconds(fromSeconds);
        var to = TimeSpan.FromSeconds(toSeconds);
        var replay = pattern.CreateSimulation(recording.Seed, recording.Options);
        var recorder = new SequenceRecorder(replay, from, to, filter);
        replay.Network.Observer = recorder;
        var scheduler = replay.Scheduler;
        foreach (var input in recording.Inputs)
        {
            var at = TimeSpan.FromTicks(input.TimeTicks);
            if (at > to)
            {
                break;
            }
            RunWhile(replay, () => scheduler.ExecutedCount < input.AfterEvents, toSeconds, maxEvents, cancellationToken);
            try
            {
                scheduler.RunToPoint(input.AfterEvents, at);
                Apply(replay, recorder, input);
            }
            catch (InvalidOperationException e)
            {
                throw new SimulationInputException($"The run's recording does not replay: {e.Message}");
            }
            recorder.CheckFaults();
        }
        RunWhile(replay, () => scheduler.NextEventTime is { } next && next <= to, toSeconds, maxEvents, cancellationToken);
        replay.RunUntil(to);
        return recorder.Finish(filter.MaxArrows ?? SequenceLimits.MaxArrows);
    }

    private static void Apply(SimulationBase replay, SequenceRecorder recorder, RecordedInput input)
    {
        if (input.Action == RecordedInput.Clear)
        {
            replay.ClearFault(input.FaultId);
            return;
        }
        replay.InjectFault(new FaultRequest(input.FaultId, input.Target, input.Value));
        if (replay.FaultCatalog.FirstOrDefault(f => f.Id == input.FaultId) is { IsInstant: true } instant)
        {
            recorder.Instant(instant, input.Target);
        }
    }

    private static void RunWhile(SimulationBase replay, Func<bool> more, double toSeconds, long maxEvents, CancellationToken cancellationToken)
    {
        while (more())
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int i = 0; i < ChunkEvents && more() && replay.Step(); i++)
            {
            }
            if (replay.Scheduler.ExecutedCount > maxEvents)
            {
                throw new SimulationInputException(
                    $"A diagram up to {toSeconds:0.###} s would replay more than {maxEvents:N0} events, the limit; pick an earlier window.");
            }
            if (replay.Scheduler.NextEventTime is null)
            {
                return;
            }
        }
    }
}

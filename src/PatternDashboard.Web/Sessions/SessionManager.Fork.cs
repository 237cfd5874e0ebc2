using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

public sealed partial class SessionManager
{
    public async Task<ISimulationSession> ForkAsync(string ownerId, ISimulationSession source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentNullException.ThrowIfNull(source);
        // The state the person saw; the recording read after it may hold later inputs, which the replay leaves out.
        var seen = source.Current;
        var recording = await source.ExportRecordingAsync().ConfigureAwait(false);
        var until = TimeSpan.FromSeconds(seen.Snapshot.SimulatedTime);
        if (until > TimeSpan.FromMinutes(options.MaxReplayMinutes) || seen.Snapshot.EventCount > options.MaxReplayEvents)
        {
            throw new SimulationInputException(
                $"This run is too long to copy: copies replay at most {options.MaxReplayMinutes} simulated minutes and {options.MaxReplayEvents:N0} events.");
        }
        CheckRoomFor(ownerId);
        // Replaying is CPU work; keep it off the caller's thread (a circuit or a hub connection).
        var simulation = await Task.Run(() => registry.Replay(recording, until), cancellationToken).ConfigureAwait(false);
        var fork = Admit(ownerId, simulation);
        fork.RestoreBookmarks(recording.Bookmarks, until);
        if (seen.Speed != 1)
        {
            await fork.ControlAsync(ControlAction.Speed, seen.Speed).ConfigureAwait(false);
        }
        logger.LogInformation("Session {SessionId} is a copy of {SourceId} at {Time:0.###} s.", fork.Id, source.Id, until.TotalSeconds);
        return fork;
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Fakes;

/// <summary>
/// A session that runs nothing: tests push states into it, and it records every command it receives.
/// Set <see cref="NextError"/> to make the next command fail the way a real session would.
/// </summary>
public sealed class FakeSimulationSession(string id, SessionState initial, IReadOnlyList<FaultDefinition>? catalog = null) : ISimulationSession
{
    private readonly Lock gate = new();
    private readonly List<Channel<SessionState>> watchers = [];

    public string Id { get; } = id;

    // The browser id page tests render as, so a session named in the address is the page's own run.
    public string OwnerId { get; init; } = "browser-1";

    public PatternDescriptor Pattern { get; init; } = LeaderElectionPattern.Descriptor;

    public bool IsClosed { get; private set; }

    public SessionState Current { get; private set; } = initial;

    public IReadOnlyList<FaultDefinition> FaultCatalog { get; } = catalog ?? LeaderElectionPattern.Faults;

    public int ViewerCount
    {
        get
        {
            lock (gate)
            {
                return watchers.Count;
            }
        }
    }

    public List<FaultRequest> Injected { get; } = [];

    public List<string> Cleared { get; } = [];

    public List<(ControlAction Action, double? Value)> Controls { get; } = [];

    public List<TimeSpan> RunFors { get; } = [];

    public List<long> EventRequests { get; } = [];

    /// <summary>What <see cref="GetEventsAsync"/> serves.</summary>
    public List<SimulationEvent> Events { get; } = [];

    /// <summary>Thrown (once) by the next command.</summary>
    public Exception? NextError { get; set; }

    /// <summary>Publishes a state to every watcher, as the session host would after a tick.</summary>
    public void Push(SessionState state)
    {
        lock (gate)
        {
            Current = state;
            foreach (var watcher in watchers)
            {
                watcher.Writer.TryWrite(state);
            }
        }
    }

    /// <summary>Closes the session (as idle eviction does): every watch ends.</summary>
    public void Close()
    {
        lock (gate)
        {
            IsClosed = true;
            foreach (var watcher in watchers)
            {
                watcher.Writer.TryComplete();
            }
        }
    }

    public async IAsyncEnumerable<SessionState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<SessionState>();
        SessionState first;
        lock (gate)
        {
            watchers.Add(channel);
            first = Current;
            if (IsClosed)
            {
                channel.Writer.TryComplete();
            }
        }
        try
        {
            yield return first;
            await foreach (var state in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return state;
            }
        }
        finally
        {
            lock (gate)
            {
                watchers.Remove(channel);
            }
        }
    }

    public Task<ActiveFault?> InjectFaultAsync(FaultRequest request)
    {
        ThrowIfFailing();
        Injected.Add(request);
        return Task.FromResult<ActiveFault?>(new ActiveFault($"f{Injected.Count}", request.FaultId, request.FaultId, request.Target, request.Value, 0));
    }

    public Task ClearFaultAsync(string activeFaultId)
    {
        ThrowIfFailing();
        Cleared.Add(activeFaultId);
        return Task.CompletedTask;
    }

    public List<string> DamageShown { get; } = [];

    public Task ShowDamageAsync(string switchId)
    {
        ThrowIfFailing();
        DamageShown.Add(switchId);
        return Task.CompletedTask;
    }

    public Task ControlAsync(ControlAction action, double? value = null)
    {
        ThrowIfFailing();
        Controls.Add((action, value));
        return Task.CompletedTask;
    }

    /// <summary>Completes when the test sets <see cref="RunForGate"/>'s result; by default at once.</summary>
    public TaskCompletionSource? RunForGate { get; set; }

    public async Task<SessionState> RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        RunFors.Add(simulatedTime);
        if (RunForGate is { } runGate)
        {
            await runGate.Task.WaitAsync(cancellationToken);
        }
        return Current;
    }

    public Task<IReadOnlyList<SimulationEvent>> GetEventsAsync(long afterSequence, int max = 1000)
    {
        EventRequests.Add(afterSequence);
        IReadOnlyList<SimulationEvent> result = [.. Events.Where(e => e.Sequence > afterSequence).Take(max)];
        return Task.FromResult(result);
    }

    public Task<Recording> ExportRecordingAsync()
    {
        ThrowIfFailing();
        return Recording is { } recording ? Task.FromResult(recording) : throw new NotSupportedException("The fake session records no runs.");
    }

    /// <summary>What <see cref="ExportRecordingAsync"/> returns; null makes it fail.</summary>
    public Recording? Recording { get; set; }

    /// <summary>What <see cref="Timeline"/> says; by default: never jumped, reaching the current time.</summary>
    public TimelineInfo? TimelineOverride { get; set; }

    public TimelineInfo Timeline => TimelineOverride ?? new TimelineInfo(Current.Snapshot.SimulatedTime, false, null, null, null);

    public List<TimeSpan> Travels { get; } = [];

    /// <summary>The lesson state viewers see; tests set it, and the lesson commands below move it as a session would.</summary>
    public LessonProgress? Lesson { get; set; }

    public List<string> LessonMoves { get; } = [];

    public Task StartLessonAsync(Lesson lesson)
    {
        ThrowIfFailing();
        LessonMoves.Add($"start {lesson.Id}");
        Lesson = new LessonProgress(lesson, 0, 0, LessonConditions.BaselineOf(Current.Snapshot), false, false, null);
        return Task.CompletedTask;
    }

    public Task GoToLessonStepAsync(int stepIndex)
    {
        ThrowIfFailing();
        LessonMoves.Add($"step {stepIndex}");
        Lesson = Lesson! with { StepIndex = stepIndex, ActedUpTo = Math.Max(stepIndex, Lesson.ActedUpTo), Reached = false };
        return Task.CompletedTask;
    }

    public Task RevealLessonStepAsync()
    {
        LessonMoves.Add("reveal");
        Lesson = Lesson! with { Revealed = true };
        return Task.CompletedTask;
    }

    public Task EndLessonAsync()
    {
        ThrowIfFailing();
        LessonMoves.Add("end");
        Lesson = null;
        return Task.CompletedTask;
    }

    public Task<SessionState> TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        Travels.Add(simulatedTime);
        return Task.FromResult(Current);
    }

    public List<Bookmark> BookmarkList { get; } = [];

    public IReadOnlyList<Bookmark> Bookmarks => [.. BookmarkList.OrderBy(b => b.Time)];

    public Task<Bookmark> AddBookmarkAsync(string? name, double? atSeconds = null)
    {
        ThrowIfFailing();
        var bookmark = new Bookmark($"b{BookmarkList.Count + 1}", atSeconds ?? Current.Snapshot.SimulatedTime, name ?? "");
        BookmarkList.Add(bookmark);
        return Task.FromResult(bookmark);
    }

    public Task RemoveBookmarkAsync(string bookmarkId)
    {
        ThrowIfFailing();
        BookmarkList.RemoveAll(b => b.Id == bookmarkId);
        return Task.CompletedTask;
    }

    private void ThrowIfFailing()
    {
        if (NextError is { } error)
        {
            NextError = null;
            throw error;
        }
    }
}

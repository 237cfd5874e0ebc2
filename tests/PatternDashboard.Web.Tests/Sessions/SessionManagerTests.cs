using System.ComponentModel.DataAnnotations;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;
using static PatternDashboard.Web.Tests.Sessions.SessionFixtures;

namespace PatternDashboard.Web.Tests.Sessions;

public sealed class SessionManagerTests : IDisposable
{
    private readonly ManualClock clock = new();
    private readonly SessionManager manager;

    public SessionManagerTests() => manager = Manager(clock, new SessionLimits { MaxSessionsPerOwner = 4, MaxTotalSessions = 6, IdleEvictionMinutes = 30 });

    public void Dispose() => manager.Dispose();

    private static CreateSessionRequest Default => new();

    [Fact]
    public void Create_StartsAPausedSessionOwnedByTheCaller()
    {
        var session = manager.Create("browser-a", PingPattern.Id, new CreateSessionRequest(Seed: 42));

        Assert.Equal("browser-a", session.OwnerId);
        Assert.Equal(42, session.Current.Snapshot.Seed);
        Assert.Equal(SessionStatus.Paused, session.Current.Status);
        Assert.Same(session, manager.Get(session.Id));
        Assert.Equal(1, manager.Count);
    }

    [Fact]
    public async Task Create_EventLogCapacityFromConfiguration_BoundsTheSessionsLog()
    {
        using var bounded = Manager(clock, new SessionLimits { EventLogCapacity = 150 });
        var session = bounded.Create("browser-a", PingPattern.Id, new CreateSessionRequest(Seed: 3));

        await session.RunForAsync(TimeSpan.FromMinutes(5));
        var events = await session.GetEventsAsync(0, 1000);

        Assert.InRange(events.Count, 1, 150);
    }

    [Fact]
    public void Create_WithoutSeed_PicksOne()
    {
        var a = manager.Create("browser-a", PingPattern.Id, Default);
        var b = manager.Create("browser-a", PingPattern.Id, Default);

        Assert.InRange(a.Current.Snapshot.Seed, 1, 999_999_999);
        Assert.NotEqual(a.Current.Snapshot.Seed, b.Current.Snapshot.Seed);
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public void Create_OverThePerOwnerLimit_IsRefusedWithAClearMessage()
    {
        for (int i = 0; i < 4; i++)
        {
            manager.Create("browser-a", PingPattern.Id, Default);
        }

        var error = Assert.Throws<SessionLimitException>(() => manager.Create("browser-a", PingPattern.Id, Default));

        Assert.StartsWith("You already have 4 sessions open; close one first", error.Message);
        Assert.Equal(4, manager.Count);
        // Another browser is not held back.
        manager.Create("browser-b", PingPattern.Id, Default);
    }

    [Fact]
    public void Create_OverTheTotalLimit_IsRefused()
    {
        for (int i = 0; i < 6; i++)
        {
            manager.Create($"browser-{i}", PingPattern.Id, Default);
        }

        var error = Assert.Throws<SessionLimitException>(() => manager.Create("browser-x", PingPattern.Id, Default));

        Assert.Contains("limit of 6 sessions", error.Message);
    }

    [Fact]
    public void Close_FreesAPlace_AndEndsTheSession()
    {
        var sessions = Enumerable.Range(0, 4).Select(_ => manager.Create("browser-a", PingPattern.Id, Default)).ToList();

        manager.Close(sessions[0].Id);

        Assert.True(sessions[0].IsClosed);
        Assert.Null(manager.Find(sessions[0].Id));
        manager.Create("browser-a", PingPattern.Id, Default);
        manager.Close("no-such-session");
    }

    [Fact]
    public void Create_AtOnceFromManyThreads_NeverPassesTheLimit()
    {
        int refused = 0;
        Parallel.For(0, 40, _ =>
        {
            try
            {
                manager.Create("browser-a", PingPattern.Id, Default);
            }
            catch (SessionLimitException)
            {
                Interlocked.Increment(ref refused);
            }
        });

        Assert.Equal(4, manager.Count);
        Assert.Equal(36, refused);
    }

    [Fact]
    public void Create_UnknownPattern_NamesTheKnownOnes()
    {
        var error = Assert.Throws<SimulationInputException>(() => manager.Create("browser-a", "paxos", Default));

        Assert.Contains("Unknown pattern 'paxos'", error.Message);
        Assert.Contains(PingPattern.Id, error.Message);
        Assert.Equal(0, manager.Count);
    }

    [Fact]
    public void Create_UnknownOption_IsRefused()
    {
        var error = Assert.Throws<SimulationInputException>(() =>
            manager.Create("browser-a", PingPattern.Id, new CreateSessionRequest(Options: new Dictionary<string, double> { ["colour"] = 1 })));

        Assert.Contains("Unknown option 'colour'", error.Message);
    }

    [Fact]
    public void Create_NodeCount_SetsThePatternsOption()
    {
        var session = manager.Create("browser-a", PingPattern.Id, new CreateSessionRequest(NodeCount: 5));

        Assert.Equal(5, session.Current.Snapshot.Nodes.Count);
    }

    [Fact]
    public void Create_NodeCountOutOfRange_IsRefusedWithTheRange()
    {
        var error = Assert.Throws<SimulationInputException>(() =>
            manager.Create("browser-a", PingPattern.Id, new CreateSessionRequest(NodeCount: 40)));

        Assert.Contains("between 2 and 6", error.Message);
    }

    [Fact]
    public void Create_NodeCountForAPatternWithoutIt_IsRefused()
    {
        var error = Assert.Throws<SimulationInputException>(() =>
            manager.Create("browser-a", PingPattern.FixedId, new CreateSessionRequest(NodeCount: 3)));

        Assert.Contains("fixed number of nodes", error.Message);
    }

    [Fact]
    public void Create_NodeCountGivenTwiceDifferently_IsRefused()
    {
        var error = Assert.Throws<SimulationInputException>(() => manager.Create("browser-a", PingPattern.Id,
            new CreateSessionRequest(NodeCount: 3, Options: new Dictionary<string, double> { [PingPattern.NodeCount] = 4 })));

        Assert.Contains("given twice", error.Message);
    }

    [Fact]
    public void Get_UnknownSession_SaysSo()
    {
        var error = Assert.Throws<SimulationInputException>(() => manager.Get("nope"));

        Assert.Contains("Unknown session 'nope'", error.Message);
    }

    [Fact]
    public void ListByOwner_ReturnsThatOwnersSessionsOldestFirst()
    {
        var a1 = manager.Create("browser-a", PingPattern.Id, Default);
        clock.Advance(TimeSpan.FromSeconds(1));
        manager.Create("browser-b", PingPattern.Id, Default);
        var a2 = manager.Create("browser-a", PingPattern.Id, Default);

        Assert.Equal([a1.Id, a2.Id], manager.ListByOwner("browser-a").Select(s => s.Id));
    }

    [Fact]
    public void EvictIdle_ClosesSessionsUnusedForTheIdleTime()
    {
        var session = manager.Create("browser-a", PingPattern.Id, Default);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(0, manager.EvictIdle());

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, manager.EvictIdle());

        Assert.True(session.IsClosed);
        Assert.Throws<SimulationInputException>(() => manager.Get(session.Id));
    }

    [Fact]
    public async Task EvictIdle_AnInput_StartsTheIdleTimeAgain()
    {
        var session = manager.Create("browser-a", PingPattern.Id, Default);

        clock.Advance(TimeSpan.FromMinutes(20));
        await session.ControlAsync(ControlAction.Step);
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(0, manager.EvictIdle());
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task EvictIdle_KeepsAWatchedSession()
    {
        var session = manager.Create("browser-a", PingPattern.Id, Default);
        await using var viewer = session.WatchAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await viewer.MoveNextAsync());

        clock.Advance(TimeSpan.FromHours(3));

        Assert.Equal(0, manager.EvictIdle());
        Assert.False(session.IsClosed);
    }

    [Fact]
    public async Task Import_ReplaysTheRecording_AndMatchesTheOriginalRun()
    {
        var original = manager.Create("browser-a", PingPattern.Id, new CreateSessionRequest(Seed: 5, NodeCount: 4));
        await original.RunForAsync(TimeSpan.FromSeconds(2));
        var crash = await original.InjectFaultAsync(Fault(PingPattern.Crash, "n2"));
        await original.RunForAsync(TimeSpan.FromSeconds(1.5));
        await original.ClearFaultAsync(crash!.Id);
        var recording = await original.ExportRecordingAsync();

        var imported = manager.Import("browser-b", recording);

        Assert.Equal(SessionStatus.Paused, imported.Current.Status);
        Assert.Equal(3.5, imported.Time(), 9);
        Assert.Equal(original.Current.Snapshot.EventCount, imported.Current.Snapshot.EventCount);
        Assert.Equal(4, imported.Current.Snapshot.Nodes.Count);
        var later = await original.RunForAsync(TimeSpan.FromSeconds(2));
        var replayedLater = await imported.RunForAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(later.Snapshot.EventCount, replayedLater.Snapshot.EventCount);
        Assert.Equal(
            later.Snapshot.Nodes.Select(n => n.Properties["received"]),
            replayedLater.Snapshot.Nodes.Select(n => n.Properties["received"]));
        Assert.Equal(recording.Inputs, (await imported.ExportRecordingAsync()).Inputs);
    }

    [Fact]
    public void Import_Null_IsRefused()
    {
        var error = Assert.Throws<SimulationInputException>(() => manager.Import("browser-a", null!));

        Assert.Contains("recording is required", error.Message);
    }

    [Fact]
    public void Import_WrongVersion_IsRefused()
    {
        var recording = new Recording(99, PingPattern.Id, 1, new Dictionary<string, double>(), []);

        var error = Assert.Throws<SimulationInputException>(() => manager.Import("browser-a", recording));

        Assert.Contains("format version 99", error.Message);
    }

    [Fact]
    public void Import_UnknownPattern_IsRefused()
    {
        var recording = new Recording(Recording.CurrentFormatVersion, "paxos", 1, new Dictionary<string, double>(), []);

        var error = Assert.Throws<SimulationInputException>(() => manager.Import("browser-a", recording));

        Assert.Contains("Unknown pattern 'paxos'", error.Message);
        Assert.Equal(0, manager.Count);
    }

    [Fact]
    public void Import_InputsThatDoNotMatchTheRun_AreRefused()
    {
        var recording = new Recording(Recording.CurrentFormatVersion, PingPattern.Id, 1, new Dictionary<string, double>(),
            [new RecordedInput(TimeSpan.FromSeconds(1).Ticks, 2, RecordedInput.Inject, PingPattern.Nudge, "n1")]);

        var error = Assert.Throws<SimulationInputException>(() => manager.Import("browser-a", recording));

        Assert.Contains("does not match", error.Message);
    }

    [Fact]
    public void Import_LongerThanTheReplayLimit_IsRefused()
    {
        var recording = new Recording(Recording.CurrentFormatVersion, PingPattern.Id, 1, new Dictionary<string, double>(),
            [new RecordedInput(TimeSpan.FromHours(5).Ticks, 1, RecordedInput.Inject, PingPattern.Nudge, "n1")]);

        var error = Assert.Throws<SimulationInputException>(() => manager.Import("browser-a", recording));

        Assert.Contains("imports replay at most 60", error.Message);
    }

    [Fact]
    public void Import_WithMoreEventsThanTheReplayLimit_IsRefusedBeforeRunning()
    {
        var recording = new Recording(Recording.CurrentFormatVersion, PingPattern.Id, 1, new Dictionary<string, double>(),
            [new RecordedInput(TimeSpan.FromSeconds(1).Ticks, 1_000_000_000_000, RecordedInput.Inject, PingPattern.Nudge, "n1")]);

        var error = Assert.Throws<SimulationInputException>(() => manager.Import("browser-a", recording));

        Assert.Contains("imports replay at most 10,000,000", error.Message);
    }

    [Fact]
    public void Import_CountsTowardsTheLimit()
    {
        var recording = new Recording(Recording.CurrentFormatVersion, PingPattern.Id, 1, new Dictionary<string, double>(), []);
        for (int i = 0; i < 4; i++)
        {
            manager.Import("browser-a", recording);
        }

        Assert.Throws<SessionLimitException>(() => manager.Import("browser-a", recording));
    }

    [Fact]
    public async Task TickAll_MovesEveryRunningSession()
    {
        var a = manager.Create("browser-a", PingPattern.Id, Default);
        var b = manager.Create("browser-b", PingPattern.Id, Default);
        var paused = manager.Create("browser-c", PingPattern.Id, Default);
        await a.ControlAsync(ControlAction.Play);
        await b.ControlAsync(ControlAction.Play);

        for (int i = 0; i < 30; i++)
        {
            clock.Advance(Frame);
            manager.TickAll();
        }

        Assert.True(a.Time() > 0.4);
        Assert.True(b.Time() > 0.4);
        Assert.Equal(0, paused.Time());
    }

    [Fact]
    public void Create_LeaderElection_WithNodeCount()
    {
        var session = manager.Create("browser-a", LeaderElectionPattern.Id, new CreateSessionRequest(Seed: 3, NodeCount: 3));

        Assert.Equal(3, session.Current.Snapshot.Nodes.Count(n => n.State != "client"));
    }

    [Theory]
    [InlineData(nameof(SessionLimits.SnapshotsPerSecond), 25)]
    [InlineData(nameof(SessionLimits.SnapshotsPerSecond), 5)]
    [InlineData(nameof(SessionLimits.MaxSessionsPerOwner), 0)]
    [InlineData(nameof(SessionLimits.IdleEvictionMinutes), 0)]
    [InlineData(nameof(SessionLimits.MaxSessionsPerOwner), 500)]
    public void Options_OutOfRange_FailValidation(string property, int value)
    {
        var options = new SessionLimits();
        typeof(SessionLimits).GetProperty(property)!.SetValue(options, value);

        var results = new List<ValidationResult>();
        bool valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(property));
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        var options = new SessionLimits();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
        Assert.Equal(TimeSpan.FromSeconds(1.0 / 15), options.PublishInterval);
    }
}

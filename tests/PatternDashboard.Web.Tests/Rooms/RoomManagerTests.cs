using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Rooms;

public sealed class RoomManagerTests : IDisposable
{
    private readonly ManualClock clock = new();
    private readonly SessionManager sessions;
    private readonly RoomManager rooms;
    private readonly RecordingLogger<RoomManager> log = new();

    public RoomManagerTests()
    {
        sessions = SessionFixtures.Manager(clock, new SessionLimits { IdleEvictionMinutes = 5 });
        rooms = new RoomManager(sessions, Options.Create(new RoomLimits { MaxRooms = 3, MaxRoomsPerCreator = 2, IdleMinutes = 20 }), clock, log);
    }

    public void Dispose() => sessions.Dispose();

    private CreatedRoom CreatePing(string creator = "teacher") => rooms.Create(creator, PingPattern.Id, new CreateSessionRequest(Seed: 3));

    [Fact]
    public void Create_OpensASessionOwnedByTheRoomNotTheCreator()
    {
        var (room, key) = CreatePing();

        Assert.True(RoomCode.TryNormalize(room.Code, out _));
        Assert.Equal(SessionManager.RoomOwnerPrefix + room.Code, room.Session.OwnerId);
        Assert.Empty(sessions.ListByOwner("teacher"));
        Assert.Same(room, rooms.Find(room.Code.ToLowerInvariant()));
        Assert.Same(room, rooms.FindBySession(room.Session.Id));
        Assert.True(room.IsInstructorKey(key));
        Assert.DoesNotContain(key, room.ToString());
    }

    [Fact]
    public void Logs_NameTheRoom_NeverTheKey()
    {
        var (room, key) = CreatePing();
        Assert.Throws<RoomControlException>(() => rooms.Claim(room.Code, key + "x", "hub:student"));
        rooms.Claim(room.Code, key, "hub:teacher");
        rooms.Close(room.Code);

        Assert.Equal(3, log.Messages.Count);
        Assert.All(log.Messages, m => Assert.Contains(room.Code, m));
        Assert.All(log.Messages, m => Assert.DoesNotContain(key, m));
    }

    [Fact]
    public void Create_BeyondTheLimits_IsRefusedWithTheReason()
    {
        CreatePing("a");
        CreatePing("a");
        var perCreator = Assert.Throws<SessionLimitException>(() => CreatePing("a"));
        Assert.Contains("limit is 2", perCreator.Message);

        CreatePing("b");
        var total = Assert.Throws<SessionLimitException>(() => CreatePing("c"));
        Assert.Contains("limit of 3 rooms", total.Message);
        Assert.Equal(3, rooms.Count);
    }

    [Fact]
    public void Get_MalformedOrUnknownCode_SaysWhich()
    {
        var malformed = Assert.Throws<SimulationInputException>(() => rooms.Get("K0O1"));
        Assert.Contains("6 letters and digits", malformed.Message);
        var unknown = Assert.Throws<SimulationInputException>(() => rooms.Get("AAAAAA"));
        Assert.Contains("no open room AAAAAA", unknown.Message);
    }

    [Fact]
    public void CheckControl_OnlyCreatorAndClaimersMayChangeARoomsSession()
    {
        var (room, key) = CreatePing();
        var other = sessions.Create("student", PingPattern.Id, new CreateSessionRequest());

        var refused = Assert.Throws<RoomControlException>(() => rooms.CheckControl(room.Session.Id, "hub:student"));
        Assert.Contains("you are watching", refused.Message);
        rooms.CheckControl(other.Id, "hub:student"); // a private session is not a room's

        Assert.Throws<RoomControlException>(() => rooms.Claim(room.Code, key[..^2] + "xx", "hub:student"));
        Assert.Throws<RoomControlException>(() => rooms.CheckControl(room.Session.Id, "hub:student"));

        rooms.Claim(room.Code, key, "hub:teacher");
        rooms.CheckControl(room.Session.Id, "hub:teacher");

        rooms.Release("hub:teacher");
        Assert.Throws<RoomControlException>(() => rooms.CheckControl(room.Session.Id, "hub:teacher"));
    }

    [Fact]
    public void IdleSessionEviction_LeavesRoomsToTheirOwnExpiry()
    {
        var (room, _) = CreatePing();
        var privateRun = sessions.Create("student", PingPattern.Id, new CreateSessionRequest());

        clock.Advance(TimeSpan.FromMinutes(10));
        sessions.EvictIdle();
        rooms.ExpireIdle();

        Assert.True(privateRun.IsClosed);
        Assert.False(room.Session.IsClosed);
        Assert.Same(room, rooms.Find(room.Code));
    }

    [Fact]
    public async Task ExpireIdle_ClosesARoomNobodyWatchedForItsIdleTime()
    {
        var (watched, _) = CreatePing("a");
        var (idle, _) = CreatePing("b");
        using var stop = new CancellationTokenSource();
        var viewer = watched.Session.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        await viewer.MoveNextAsync();

        clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(0, rooms.ExpireIdle());
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, rooms.ExpireIdle());

        Assert.True(idle.Session.IsClosed);
        Assert.Null(rooms.Find(idle.Code));
        Assert.Contains("no open room", Assert.Throws<SimulationInputException>(() => rooms.Get(idle.Code)).Message);
        Assert.Same(watched, rooms.Find(watched.Code));

        await stop.CancelAsync();
        await viewer.DisposeAsync();
        clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(1, rooms.ExpireIdle());
        Assert.True(watched.Session.IsClosed);
        Assert.Equal(0, rooms.Count);
    }

    [Fact]
    public async Task Fork_OfARunLongerThanReplaysMayBe_IsRefusedWithTheLimit()
    {
        using var shortReplays = SessionFixtures.Manager(clock, new SessionLimits { MaxReplayMinutes = 1 });
        var limited = new RoomManager(shortReplays, Options.Create(new RoomLimits()), clock, log);
        var (room, _) = limited.Create("teacher", PingPattern.Id, new CreateSessionRequest(Seed: 3));
        await room.Session.RunForAsync(TimeSpan.FromSeconds(61));

        var refused = await Assert.ThrowsAsync<SimulationInputException>(() => limited.ForkAsync(room.Code, "student"));

        Assert.Contains("too long to copy", refused.Message);
        Assert.Empty(shortReplays.ListByOwner("student"));
    }

    [Fact]
    public async Task Fork_CopiesTheRoomsStateThenRunsOnItsOwn()
    {
        var (room, _) = CreatePing();
        var source = (SimulationSession)room.Session;
        await source.RunForAsync(TimeSpan.FromSeconds(2));
        var crashed = await source.InjectFaultAsync(new FaultRequest(PingPattern.Crash, "n1"));
        await source.RunForAsync(TimeSpan.FromSeconds(1));

        var fork = await rooms.ForkAsync(room.Code, "student");

        Assert.Equal("student", fork.OwnerId);
        Assert.Equal(source.Time(), fork.Time(), 6);
        Assert.Equal(source.Events(), fork.Events());
        Assert.Equal(source.Current.Snapshot.ActiveFaults.Select(f => (f.FaultId, f.Target)), fork.Current.Snapshot.ActiveFaults.Select(f => (f.FaultId, f.Target)));
        Assert.Equal(SessionStatus.Paused, fork.Current.Status);

        // The copy diverges: its own fault and time leave the room as it was.
        await fork.ClearFaultAsync(fork.Current.Snapshot.ActiveFaults.Single().Id);
        await fork.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.Single(source.Current.Snapshot.ActiveFaults);
        Assert.Equal(crashed!.Id, source.Current.Snapshot.ActiveFaults[0].Id);
        Assert.True(fork.Time() > source.Time() + 4);
    }
}

/// <summary>Keeps every formatted log message, to check what reaches the logs.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock gate = new();
    private readonly List<string> messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (gate)
        {
            messages.Add(formatter(state, exception));
        }
    }
}

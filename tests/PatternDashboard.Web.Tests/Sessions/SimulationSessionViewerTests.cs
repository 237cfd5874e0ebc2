using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;
using static PatternDashboard.Web.Tests.Sessions.SessionFixtures;

namespace PatternDashboard.Web.Tests.Sessions;

/// <summary>Publishing to viewers: rate limits, merging bursts, slow viewers.</summary>
public sealed class SimulationSessionViewerTests
{
    private readonly ManualClock clock = new();

    [Fact]
    public async Task Publish_WhileRunning_StaysWithinSnapshotsPerSecond()
    {
        using var session = PingSession(clock);
        await session.ControlAsync(ControlAction.Play);

        var published = session.Capture(() => session.RunFrames(clock, 120));

        // Two seconds at 15 per second.
        Assert.InRange(published.Count, 28, 31);
    }

    [Fact]
    public async Task Publish_AtTenPerSecond_FollowsTheOption()
    {
        using var session = PingSession(clock, options: new SessionLimits { SnapshotsPerSecond = 10 });
        await session.ControlAsync(ControlAction.Play);

        var published = session.Capture(() => session.RunFrames(clock, 120));

        Assert.InRange(published.Count, 19, 21);
    }

    [Fact]
    public async Task Watch_YieldsCurrentFirst_ThenUpdates_AndEndsWhenTheSessionCloses()
    {
        var session = PingSession(clock);
        var seen = new List<SessionState>();
        var watching = Task.Run(async () =>
        {
            await foreach (var state in session.WatchAsync(CancellationToken.None))
            {
                lock (seen)
                {
                    seen.Add(state);
                }
            }
        });
        await WaitUntil(() => session.ViewerCount == 1);
        await WaitUntil(() => Count(seen) == 1);
        Assert.Equal(0, seen[0].Snapshot.SimulatedTime);

        await session.InjectFaultAsync(Fault(PingPattern.Crash, "n2"));
        await WaitUntil(() => Count(seen) == 2);
        session.Dispose();

        await watching.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(seen[1].Snapshot.ActiveFaults);
        Assert.Equal(0, session.ViewerCount);
    }

    [Fact]
    public async Task Watch_Cancelled_EndsQuietly()
    {
        using var session = PingSession(clock);
        using var cancel = new CancellationTokenSource();
        int count = 0;
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in session.WatchAsync(cancel.Token))
            {
                count++;
            }
        });
        await WaitUntil(() => session.ViewerCount == 1 && Volatile.Read(ref count) == 1);

        await cancel.CancelAsync();
        await watching.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, session.ViewerCount);
    }

    [Fact]
    public async Task Watch_SlowViewer_GetsOnlyTheNewest_AndDoesNotHoldBackOthers()
    {
        using var session = PingSession(clock);
        await using var slow = session.WatchAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await slow.MoveNextAsync());
        var fast = new List<SessionState>();
        using var stopFast = new CancellationTokenSource();
        var fastViewer = Task.Run(async () =>
        {
            await foreach (var state in session.WatchAsync(stopFast.Token))
            {
                lock (fast)
                {
                    fast.Add(state);
                }
            }
        });
        await WaitUntil(() => session.ViewerCount == 2);
        await session.ControlAsync(ControlAction.Play);

        for (int i = 0; i < 60; i++)
        {
            clock.Advance(Frame);
            session.Tick();
            await Task.Delay(1);
        }
        await session.ControlAsync(ControlAction.Pause);
        var last = session.Current;

        // The slow viewer, reading at last, gets the newest state only: everything between merged away.
        Assert.True(await slow.MoveNextAsync());
        Assert.Same(last, slow.Current);
        await WaitUntil(() => Last(fast) == last);
        Assert.True(Count(fast) > 5, $"The fast viewer saw only {Count(fast)} states.");
        await stopFast.CancelAsync();
        await fastViewer;
    }

    [Fact]
    public async Task Paused_AViewerJoiningOrLeaving_IsPublishedOnce_SoEveryoneSeesTheCount()
    {
        using var session = PingSession(clock);
        session.RunFrames(clock, 30);

        IAsyncEnumerator<SessionState>? viewer = null;
        var joined = session.Capture(() =>
        {
            viewer = session.WatchAsync(CancellationToken.None).GetAsyncEnumerator();
            viewer.MoveNextAsync().AsTask().GetAwaiter().GetResult();
            session.RunFrames(clock, 60);
        });
        var left = session.Capture(() =>
        {
            viewer!.DisposeAsync().AsTask().GetAwaiter().GetResult();
            session.RunFrames(clock, 60);
        });

        Assert.Equal(SessionStatus.Paused, session.Current.Status);
        Assert.Single(joined);
        Assert.Single(left);
        Assert.Equal(0, session.ViewerCount);
    }

    private static int Count(List<SessionState> states)
    {
        lock (states)
        {
            return states.Count;
        }
    }

    private static SessionState? Last(List<SessionState> states)
    {
        lock (states)
        {
            return states.Count == 0 ? null : states[^1];
        }
    }
}

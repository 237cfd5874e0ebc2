using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class SimulationNodeTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private readonly TestSimulation simulation = TestSimulation.Quiet();

    private PingPongNode A => simulation.A;

    private PingPongNode B => simulation.B;

    [Fact]
    public void StartTimer_Due_FiresAtItsTimeAndKnowsItsDueTime()
    {
        simulation.RunUntil(Ms(5));

        var timer = B.After(Ms(30), "t");
        simulation.RunUntil(Ms(100));

        Assert.Equal(Ms(35), timer.DueAt);
        Assert.Equal([(Ms(35), "timer t")], B.Handled);
    }

    [Fact]
    public void CancelTimer_BeforeDue_TimerNeverFires()
    {
        var timer = B.After(Ms(30), "t");

        B.Cancel(timer);
        simulation.RunUntil(Ms(100));

        Assert.Empty(B.Handled);
    }

    [Fact]
    public void Crash_Node_ReceivesNothingAndCountsMessagesAsToADownNode()
    {
        B.Crash();

        A.SendTo("b", new Ping(1));
        simulation.RunUntil(Ms(100));

        Assert.Empty(B.Handled);
        Assert.Equal(NodeLifecycle.Crashed, B.Lifecycle);
        Assert.False(B.IsUp);
        Assert.Equal(1, simulation.Network.Stats.ToDownNode);
        Assert.Equal(1, B.Crashes);
    }

    [Fact]
    public void Crash_TimersStartedBefore_NeverFireEvenAfterRestart()
    {
        B.After(Ms(50), "old");
        B.Crash();
        simulation.RunUntil(Ms(20));

        B.Restart();
        simulation.RunUntil(Ms(200));

        Assert.Empty(B.Handled);
    }

    [Fact]
    public void Restart_AfterCrash_NodeReceivesMessagesAndRunsNewTimersAgain()
    {
        B.Crash();
        simulation.RunUntil(Ms(20));

        B.Restart();
        B.After(Ms(10), "new");
        A.SendTo("b", new Ping(1));
        simulation.RunUntil(Ms(100));

        Assert.Equal(["timer new", "ping 1 from a"], B.HandledWhat);
        Assert.Equal((1, NodeLifecycle.Up), (B.Restarts, B.Lifecycle));
    }

    [Fact]
    public void Restart_NodeThatIsUp_DoesNothing()
    {
        B.Restart();

        Assert.Equal(0, B.Restarts);
        Assert.DoesNotContain(simulation.Log.All(), e => e.Kind == "lifecycle");
    }

    [Fact]
    public void Pause_MessagesAndTimers_AreHeldThenHandledOnResumeInOrder()
    {
        B.Pause();
        A.SendTo("b", new Ping(1));          // arrives at 10 ms
        B.After(Ms(15), "t");                // due at 15 ms
        simulation.RunUntil(Ms(5));
        A.SendTo("b", new Ping(2));          // arrives at 15 ms, after the timer
        simulation.RunUntil(Ms(100));
        Assert.Empty(B.Handled);
        Assert.Empty(A.Handled);

        B.Resume();

        Assert.Equal(["ping 1 from a", "timer t", "ping 2 from a"], B.HandledWhat);
        Assert.All(B.Handled, h => Assert.Equal(Ms(100), h.Time));
        simulation.RunUntil(Ms(200));
        Assert.Equal(["pong 1 from b", "pong 2 from b"], A.HandledWhat);
    }

    [Fact]
    public void Pause_TimerCancelledWhilePaused_DoesNotRunOnResume()
    {
        B.Pause();
        var timer = B.After(Ms(10), "t");
        simulation.RunUntil(Ms(50));

        B.Cancel(timer);
        B.Resume();

        Assert.Empty(B.Handled);
    }

    [Fact]
    public void Crash_WhilePaused_DropsEverythingHeld()
    {
        B.Pause();
        A.SendTo("b", new Ping(1));
        B.After(Ms(15), "t");
        simulation.RunUntil(Ms(50));

        B.Crash();
        B.Restart();
        B.Resume();
        simulation.RunUntil(Ms(200));

        Assert.Empty(B.Handled);
    }

    [Fact]
    public void Resume_HeldMessagePausesTheNodeAgain_KeepsTheRestForTheNextResume()
    {
        B.Pause();
        A.SendTo("b", new Ping(1));
        A.SendTo("b", new Sleep());
        A.SendTo("b", new Ping(2));
        B.After(Ms(20), "t");
        simulation.RunUntil(Ms(50));

        B.Resume();
        Assert.Equal(["ping 1 from a", "sleep from a"], B.HandledWhat);
        Assert.Equal(NodeLifecycle.Paused, B.Lifecycle);

        B.Resume();
        Assert.Equal(["ping 1 from a", "sleep from a", "ping 2 from a", "timer t"], B.HandledWhat);
    }

    [Fact]
    public void Lifecycle_Changes_AreWrittenToTheLog()
    {
        B.Pause();
        B.Resume();
        B.Crash();
        B.Restart();

        var texts = simulation.Log.All().Where(e => e.Kind == "lifecycle" && e.Node == "b").Select(e => e.Text).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Equal(["B paused", "B crashed", "B restarted"], new[] { texts[0], texts[2], texts[3] });
        Assert.StartsWith("B resumed", texts[1]);
    }
}

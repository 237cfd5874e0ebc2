using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class InvariantBoardTests
{
    private sealed class SwitchMonitor() : InvariantMonitor("single-leader", "At most one leader")
    {
        public string? Problem { get; set; }

        public int Checks { get; private set; }

        public override string? Check()
        {
            Checks++;
            return Problem;
        }
    }

    private readonly EventScheduler scheduler = new();
    private readonly EventLog log;
    private readonly InvariantBoard board;
    private readonly SwitchMonitor monitor = new();

    public InvariantBoardTests()
    {
        log = new EventLog(scheduler.Clock, 100);
        board = new InvariantBoard(log, scheduler.Clock);
        board.Add(monitor);
    }

    private InvariantView View => Assert.Single(board.Views());

    [Fact]
    public void CheckAll_MonitorHolds_ReportsHoldingWithNoViolations()
    {
        board.CheckAll();

        Assert.True(View.Holds);
        Assert.Equal(0, View.Violations);
        Assert.True(board.AllHold);
        Assert.Empty(log.All());
    }

    [Fact]
    public void CheckAll_FailingOverManyChecks_CountsOneViolationPerEpisode()
    {
        scheduler.RunUntil(TimeSpan.FromSeconds(2));
        monitor.Problem = "a and b both lead term 3";

        for (int i = 0; i < 5; i++)
        {
            board.CheckAll();
        }

        Assert.False(View.Holds);
        Assert.False(board.AllHold);
        Assert.Equal(1, View.Violations);
        Assert.Equal(1, board.TotalViolations);
        Assert.Equal("a and b both lead term 3", View.LastViolation);
        Assert.Equal(2.0, View.LastViolationTime);
    }

    [Fact]
    public void CheckAll_FailsRecoversAndFailsAgain_CountsTwoEpisodes()
    {
        monitor.Problem = "first";
        board.CheckAll();
        monitor.Problem = null;
        board.CheckAll();
        Assert.True(View.Holds);

        monitor.Problem = "second";
        board.CheckAll();
        board.CheckAll();

        Assert.Equal(2, View.Violations);
        Assert.Equal("second", View.LastViolation);
    }

    [Fact]
    public void CheckAll_NewViolation_WritesOneLogEntryNamingTheInvariantAndCause()
    {
        monitor.Problem = "two leaders";

        board.CheckAll();
        board.CheckAll();

        var entry = Assert.Single(log.All());
        Assert.Equal("invariant", entry.Kind);
        Assert.Contains("At most one leader", entry.Text);
        Assert.Contains("two leaders", entry.Text);
    }

    [Fact]
    public void Simulation_EveryEvent_ChecksTheInvariantsWithoutThrowing()
    {
        var simulation = TestSimulation.Quiet();
        var watcher = new SwitchMonitor { Problem = "always broken" };
        simulation.Invariants.Add(watcher);

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(simulation.Scheduler.ExecutedCount, watcher.Checks);
        Assert.Equal(1, simulation.Invariants.TotalViolations);
        Assert.Contains(simulation.Invariants.Views(), v => v.Id == "single-leader" && !v.Holds);
    }
}

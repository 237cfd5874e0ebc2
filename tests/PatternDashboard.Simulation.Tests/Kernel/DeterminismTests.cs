using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class DeterminismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(-7)]
    [InlineData(long.MaxValue)]
    public void Run_SameSeedAndInputs_ProducesIdenticalRuns(long seed)
    {
        var first = Runs.Script(seed);
        var second = Runs.Script(seed);

        Runs.AssertSameRun(seed, first, second);
    }

    [Fact]
    public void Run_DifferentSeeds_ProduceDifferentLogs()
    {
        var logs = Enumerable.Range(1, 5).Select(seed =>
        {
            var simulation = new TestSimulation(seed);
            simulation.RunFor(TimeSpan.FromSeconds(3));
            return string.Join("\n", simulation.Log.All());
        }).ToList();

        Assert.Equal(logs.Count, logs.Distinct().Count());
    }

    [Fact]
    public void Run_InSmallSteps_EqualsOneLongRun()
    {
        var once = new TestSimulation(5);
        once.RunFor(TimeSpan.FromSeconds(3));
        var stepped = new TestSimulation(5);
        for (int i = 0; i < 300; i++)
        {
            stepped.RunFor(TimeSpan.FromMilliseconds(10));
        }

        Runs.AssertSameRun(5, once, stepped);
    }

    [Fact]
    public void Run_ThatLogsMoreThanTheLogHolds_KeepsMemoryBoundedAndStaysDeterministic()
    {
        TestSimulation Run()
        {
            var simulation = new TestSimulation(6, eventLogCapacity: 100);
            simulation.RunFor(TimeSpan.FromSeconds(30));
            return simulation;
        }

        var first = Run();
        var second = Run();

        Assert.Equal(100, first.Log.Count);
        Assert.True(first.Log.LastSequence > 1_000);
        Runs.AssertSameRun(6, first, second);
    }
}

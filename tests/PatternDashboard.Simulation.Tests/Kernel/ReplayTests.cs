using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class ReplayTests
{
    public static IEnumerable<object[]> FiftySeeds => Runs.Seeds(50);

    [Theory]
    [MemberData(nameof(FiftySeeds))]
    public void Replay_ExportedRecordingOfAScriptedRun_ReproducesItEventForEvent(long seed)
    {
        var original = Runs.Script(seed);
        var recording = Recording.FromJson(original.ToRecording().ToJson());

        var replayed = TestSimulation.Registry.Replay(recording, until: original.Clock.Now);

        Assert.True(original.Inputs.Count > 0, $"Seed {seed}: the script made no inputs.");
        Runs.AssertSameRun(seed, original, replayed);
        Assert.Equal(original.ToRecording().ToJson(), replayed.ToRecording().ToJson());
    }

    [Fact]
    public void Replay_InputRightAfterAStepWithSameTimeEventsLeft_HappensBetweenThem()
    {
        var original = new TestSimulation(4);
        original.RunUntil(TimeSpan.FromMilliseconds(99));
        original.Step(); // a's first ping at 100 ms; b's and c's are due at the same instant
        Assert.Equal(original.Clock.Now, original.Scheduler.NextEventTime);
        original.InjectFault(new FaultRequest("crash", "c"));
        original.RunFor(TimeSpan.FromSeconds(2));

        var replayed = TestSimulation.Registry.Replay(original.ToRecording(), until: original.Clock.Now);

        Runs.AssertSameRun(4, original, replayed);
        // c crashed before its own first ping fired; b's ping to c, already due, found it down.
        var a = (PingPongNode)replayed.Node("a");
        Assert.DoesNotContain(a.HandledWhat, what => what.EndsWith("from c"));
        Assert.True(replayed.Network.Stats.ToDownNode > 0);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(29)]
    public void Replay_UntilAnEarlierTime_RebuildsTheRunAsItWasThen(long seed)
    {
        var original = Runs.Script(seed, inputs: 20);
        var middle = TimeSpan.FromTicks(original.Inputs[original.Inputs.Count / 2].TimeTicks);

        var rebuilt = TestSimulation.Registry.Replay(original.ToRecording(), until: middle);

        Assert.Equal(middle, rebuilt.Clock.Now);
        Assert.Equal(original.Log.All().Where(e => e.Time <= middle), rebuilt.Log.All());
        Assert.All(rebuilt.Inputs, input => Assert.True(input.TimeTicks <= middle.Ticks));
    }

    [Fact]
    public void Replay_WithoutUntil_StopsAfterTheLastInput()
    {
        var original = new TestSimulation(8);
        original.RunFor(TimeSpan.FromSeconds(2));
        original.InjectFault(new FaultRequest("pause", "a"));
        long executed = original.Scheduler.ExecutedCount;

        var replayed = TestSimulation.Registry.Replay(original.ToRecording());

        Assert.Equal((executed, TimeSpan.FromSeconds(2)), (replayed.Scheduler.ExecutedCount, replayed.Clock.Now));
        Assert.Equal(NodeLifecycle.Paused, replayed.Node("a").Lifecycle);
    }
}

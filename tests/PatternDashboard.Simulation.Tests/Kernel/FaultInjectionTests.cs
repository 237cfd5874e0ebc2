using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class FaultInjectionTests
{
    private readonly TestSimulation simulation = new(3);

    private string Refused(FaultRequest request)
    {
        int logged = simulation.Log.Count;
        var error = Assert.Throws<SimulationInputException>(() => simulation.InjectFault(request));
        Assert.Empty(simulation.Inputs);
        Assert.Equal(0, simulation.Faults.Count);
        Assert.Equal(logged, simulation.Log.Count);
        return error.Message;
    }

    [Fact]
    public void InjectFault_UnknownId_IsRefusedNamingTheKnownFaults()
    {
        Assert.Equal("Unknown fault 'meteor'. Faults of test-ping-pong: crash, pause, isolate-a, loss, delay, ping-now.",
            Refused(new FaultRequest("meteor")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void InjectFault_NoFaultId_IsRefused(string id)
    {
        Assert.Equal("A fault needs a faultId.", Refused(new FaultRequest(id)));
    }

    [Fact]
    public void InjectFault_NullRequest_IsRefused()
    {
        Assert.Equal("A fault needs a faultId.", Refused(null!));
    }

    [Fact]
    public void InjectFault_NodeFaultWithoutTarget_IsRefused()
    {
        Assert.Equal("Fault 'crash' needs a target node.", Refused(new FaultRequest("crash")));
    }

    [Fact]
    public void InjectFault_UnknownTargetNode_IsRefusedNamingTheNodes()
    {
        Assert.Equal("Unknown node 'z'. Nodes: a, b, c.", Refused(new FaultRequest("crash", "z")));
    }

    [Fact]
    public void InjectFault_ClusterFaultWithTarget_IsRefused()
    {
        Assert.Equal("Fault 'isolate-a' takes no target.", Refused(new FaultRequest("isolate-a", "b")));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InjectFault_ValueOutOfRange_IsRefusedNamingTheRange(double value)
    {
        Assert.Equal($"Fault 'loss' needs loss between 0 and 100 %; got {value}.", Refused(new FaultRequest("loss", Value: value)));
    }

    [Fact]
    public void InjectFault_ValueForFaultWithoutParameter_IsRefused()
    {
        Assert.Equal("Fault 'crash' takes no value.", Refused(new FaultRequest("crash", "b", 5)));
    }

    [Fact]
    public void InjectFault_PatternRefusesIt_NothingIsRecorded()
    {
        simulation.B.Crash();

        Assert.Equal("Node 'b' is not running.", Refused(new FaultRequest("crash", "b")));
    }

    [Fact]
    public void InjectFault_Valid_AppliesRecordsAndLogsIt()
    {
        simulation.RunFor(TimeSpan.FromSeconds(1.5));

        var fault = simulation.InjectFault(new FaultRequest("crash", "b"));

        Assert.NotNull(fault);
        Assert.Equal(new ActiveFault("f1", "crash", "Crash node: B (b)", "b", null, 1.5), fault);
        Assert.Equal(NodeLifecycle.Crashed, simulation.B.Lifecycle);
        Assert.Equal([fault], simulation.Faults.Active);
        Assert.True(simulation.Faults.IsActive("crash", "b"));
        Assert.False(simulation.Faults.IsActive("crash", "a"));
        var input = Assert.Single(simulation.Inputs);
        Assert.Equal(new RecordedInput(TimeSpan.FromSeconds(1.5).Ticks, simulation.Scheduler.ExecutedCount, "inject", "crash", "b"), input);
        Assert.Contains(simulation.Log.All(), e => e is { Kind: "fault", Node: "b", Text: "Injected: Crash node: B (b)" });
    }

    [Fact]
    public void InjectFault_WithValue_PutsTheValueInTheLabelAndInput()
    {
        var fault = simulation.InjectFault(new FaultRequest("loss", Value: 40))!;

        Assert.Equal("Lose messages (40 %)", fault.Label);
        Assert.Equal(0.4, simulation.Network.Conditions.LossRate);
        Assert.Equal(40, Assert.Single(simulation.Inputs).Value);
    }

    [Fact]
    public void InjectFault_ParameterValueLeftOut_IsAccepted()
    {
        simulation.InjectFault(new FaultRequest("loss"));

        Assert.Equal(0.3, simulation.Network.Conditions.LossRate);
    }

    [Fact]
    public void InjectFault_InstantAction_ReturnsNoActiveFaultButRecordsTheInput()
    {
        var fault = simulation.InjectFault(new FaultRequest("ping-now", "a"));

        Assert.Null(fault);
        Assert.Equal(0, simulation.Faults.Count);
        Assert.Single(simulation.Inputs);
        Assert.Equal(1, simulation.Network.Stats.Sent);
    }

    [Fact]
    public void ClearFault_ActiveFault_UndoesRecordsAndLogsIt()
    {
        var fault = simulation.InjectFault(new FaultRequest("crash", "b"))!;
        simulation.RunFor(TimeSpan.FromSeconds(1));

        simulation.ClearFault(fault.Id);

        Assert.Equal(NodeLifecycle.Up, simulation.B.Lifecycle);
        Assert.Equal(0, simulation.Faults.Count);
        Assert.Equal(new RecordedInput(TimeSpan.FromSeconds(1).Ticks, simulation.Scheduler.ExecutedCount, "clear", "f1"), simulation.Inputs[1]);
        Assert.Equal("Cleared: Crash node: B (b)", simulation.Log.All()[^1].Text);
    }

    [Fact]
    public void ClearFault_UnknownOrAlreadyCleared_IsRefusedAndNothingRecorded()
    {
        var fault = simulation.InjectFault(new FaultRequest("pause", "c"))!;
        simulation.ClearFault(fault.Id);

        var error = Assert.Throws<SimulationInputException>(() => simulation.ClearFault(fault.Id));

        Assert.Equal("No active fault has the id 'f1'.", error.Message);
        Assert.Equal(2, simulation.Inputs.Count);
    }

    [Fact]
    public void ClearFault_NetworkFaultOverAManualBlock_LeavesTheManualBlock()
    {
        simulation.Network.Block("a", "b");
        var isolation = simulation.InjectFault(new FaultRequest("isolate-a"))!;
        Assert.True(simulation.Network.IsBlocked("c", "a"));

        simulation.ClearFault(isolation.Id);

        Assert.False(simulation.Network.IsBlocked("c", "a"));
        Assert.True(simulation.Network.IsBlocked("a", "b"));
    }

    [Fact]
    public void InjectFault_ActiveFaultIds_CountUpAndShowInTheSnapshot()
    {
        var first = simulation.InjectFault(new FaultRequest("crash", "a"))!;
        var second = simulation.InjectFault(new FaultRequest("delay", Value: 100))!;
        simulation.ClearFault(first.Id);
        var third = simulation.InjectFault(new FaultRequest("crash", "a"))!;

        Assert.Equal(["f1", "f2", "f3"], new[] { first.Id, second.Id, third.Id });
        Assert.Equal(["f2", "f3"], simulation.CreateSnapshot().ActiveFaults.Select(f => f.Id));
    }

    [Fact]
    public void InjectFault_BeyondTheInputLimit_IsRefused()
    {
        var quiet = TestSimulation.Quiet();
        for (int i = 0; i < Recording.MaxInputs; i++)
        {
            quiet.InjectFault(new FaultRequest("ping-now", "a"));
        }

        var error = Assert.Throws<SimulationInputException>(() => quiet.InjectFault(new FaultRequest("ping-now", "a")));

        Assert.Equal($"This session has reached {Recording.MaxInputs} inputs; reset it to go on.", error.Message);
        Assert.Equal(Recording.MaxInputs, quiet.Inputs.Count);
        Assert.Equal(Recording.MaxInputs, quiet.Network.Stats.Sent);
    }
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Tests.Contract;

namespace PatternDashboard.Simulation.Tests.Kernel;

/// <summary>"Show me the damage" gives a switch's demonstration step by step, as ordinary recorded inputs.</summary>
public sealed class ShowDamageTests
{
    private const string PubSub = "pub-sub";
    private const string PersistenceOff = "persistence-off";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ShowDamage_GivesEachStepAtItsTime_AndTheRecordingReplaysTheSameRun(long seed)
    {
        var simulation = ContractRuns.Create(PubSub, seed);
        simulation.RunFor(TimeSpan.FromSeconds(3));
        var demonstration = simulation.FaultCatalog.Single(f => f.Id == PersistenceOff).Demonstration;
        Assert.True(demonstration.Count > 1, "This test needs a demonstration of several steps.");

        simulation.ShowDamage(PersistenceOff);

        Assert.Equal(demonstration.Count - 1, simulation.Planned.Count);
        simulation.RunFor(FaultDefinition.DemonstrationStep * demonstration.Count);
        Assert.Empty(simulation.Planned);
        var given = simulation.Inputs.Select(i => (i.FaultId, Seconds: TimeSpan.FromTicks(i.TimeTicks).TotalSeconds)).ToList();
        var expected = new[] { (PersistenceOff, 3.0) }
            .Concat(demonstration.Select((r, i) => (r.FaultId, 3.0 + FaultDefinition.DemonstrationStep.TotalSeconds * i)));
        Assert.Equal(expected, given);

        var replayed = ContractRuns.Registry.Replay(simulation.ToRecording(), simulation.Clock.Now);
        Assert.Equal(simulation.Log.All(), replayed.Log.All());
    }

    [Fact]
    public void ShowDamage_StepsReachedByStepping_AreGivenAtTheirTimeToo()
    {
        var simulation = ContractRuns.Create(PubSub, 7);
        simulation.ShowDamage(PersistenceOff);
        var due = simulation.Planned[0].Due;

        while (simulation.Planned.Count > 0 && simulation.Planned[0].Due == due)
        {
            Assert.True(simulation.Step());
        }

        Assert.Equal(due, TimeSpan.FromTicks(simulation.Inputs[^1].TimeTicks));
    }

    [Fact]
    public void ShowDamage_OfAnUnknownSwitch_IsRefusedAndChangesNothing()
    {
        var simulation = ContractRuns.Create(PubSub, 1);

        var error = Assert.Throws<SimulationInputException>(() => simulation.ShowDamage("crash"));

        Assert.Contains("'crash' is not a break-it switch of pub-sub", error.Message);
        Assert.Empty(simulation.Inputs);
        Assert.Empty(simulation.Planned);
    }
}

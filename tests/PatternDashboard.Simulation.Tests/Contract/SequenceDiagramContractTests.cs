using System.Text.Json;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Kernel.Sequence;

namespace PatternDashboard.Simulation.Tests.Contract;

/// <summary>Every pattern: a window's message-sequence diagram agrees with the run it was drawn from.</summary>
public sealed class SequenceDiagramContractTests
{
    private const double From = 10.3, To = 25.7;

    public static TheoryData<string, long> Cases()
    {
        var cases = new TheoryData<string, long>();
        foreach (var pattern in ContractRuns.Registry.All)
        {
            cases.Add(pattern.Id, 1);
            cases.Add(pattern.Id, 2);
        }
        return cases;
    }

    /// <summary>A run with a crash at 12 s (when the pattern offers one) and the seed's random inputs after it.</summary>
    private static Recording CrashedRun(string patternId, long seed, out string? crashed)
    {
        var simulation = ContractRuns.Create(patternId, seed);
        simulation.RunUntil(TimeSpan.FromSeconds(12));
        crashed = null;
        if (simulation.CreateSnapshot().FaultTargets?.TryGetValue(LifecycleFaults.Crash, out var targets) == true && targets.Count > 0)
        {
            crashed = targets[^1];
            simulation.InjectFault(new FaultRequest(LifecycleFaults.Crash, crashed));
        }
        ContractRuns.RunWithRandomInputs(simulation, seed, TimeSpan.FromSeconds(18));
        return simulation.ToRecording();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Window_AgreesWithTheRun(string patternId, long seed)
    {
        var pattern = ContractRuns.Registry.Get(patternId);
        var recording = CrashedRun(patternId, seed, out string? crashed);
        var diagram = SequenceDiagramBuilder.Build(pattern, recording, From, To);

        var atStart = ContractRuns.Registry.Replay(recording, TimeSpan.FromSeconds(From));
        var before = atStart.Network.Stats;
        var atEnd = ContractRuns.Registry.Replay(recording, TimeSpan.FromSeconds(To));
        var after = atEnd.Network.Stats;

        Assert.Equal(atEnd.Nodes.Select(n => n.Id), diagram.Lanes.Select(l => l.Id));
        Assert.NotEmpty(diagram.Arrows);
        foreach (var arrow in diagram.Arrows)
        {
            Assert.True(arrow.SentAt <= arrow.EndAt, $"{patternId} seed {seed}: arrow {arrow.Id} ends before it starts.");
            Assert.True(arrow.SentAt <= To && arrow.EndAt >= From, $"{patternId} seed {seed}: arrow {arrow.Id} is outside the window.");
            Assert.Contains(arrow.From, diagram.Lanes.Select(l => l.Id));
        }
        Assert.Equal(new SequenceCounts(after.Sent - before.Sent, after.Delivered - before.Delivered, after.Lost - before.Lost,
            after.Blocked - before.Blocked, after.Duplicated - before.Duplicated, after.ToDownNode - before.ToDownNode), diagram.Counts);
        if (crashed is not null)
        {
            Assert.Contains(diagram.Marks, m => m.Node == crashed && m.Change == "crashed" && Math.Abs(m.Time - 12) < 0.001);
            Assert.Contains(diagram.Spans, s => s.Node == crashed && s.State == LaneSpan.Crashed && Math.Abs(s.From - 12) < 0.001);
        }
    }

    [Theory]
    [MemberData(nameof(ContractRuns.PatternIds), MemberType = typeof(ContractRuns))]
    public void SameSeed_SameDiagram(string patternId)
    {
        var pattern = ContractRuns.Registry.Get(patternId);
        var first = SequenceDiagramBuilder.Build(pattern, CrashedRun(patternId, 3, out _), From, To);
        var second = SequenceDiagramBuilder.Build(pattern, CrashedRun(patternId, 3, out _), From, To);
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));
    }

    [Fact]
    public void BusyWindow_OverTheCap_ThinnedEvenlyAndSaysSo()
    {
        var pattern = ContractRuns.Registry.All[0];
        var recording = ContractRuns.Create(pattern.Id, 1).ToRecording();
        var full = SequenceDiagramBuilder.Build(pattern, recording, 0, 3);
        var thinned = SequenceDiagramBuilder.Build(pattern, recording, 0, 3, new SequenceFilter(MaxArrows: 10));

        Assert.False(full.Thinned);
        Assert.True(full.Matching > 10);
        Assert.True(thinned.Thinned);
        Assert.Equal(10, thinned.Arrows.Count);
        Assert.Equal(full.Matching - 10, thinned.LeftOut);
        Assert.True(thinned.Arrows[^1].SentAt - thinned.Arrows[0].SentAt > 1.5, "thinning keeps arrows across the whole window");
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, 5)]
    [InlineData(0, 121)]
    [InlineData(double.NaN, 5)]
    public void BadWindow_ClearError(double from, double to)
    {
        var pattern = ContractRuns.Registry.All[0];
        var recording = ContractRuns.Create(pattern.Id, 1).ToRecording();
        var error = Assert.Throws<SimulationInputException>(() => SequenceDiagramBuilder.Build(pattern, recording, from, to));
        Assert.Contains("window", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}

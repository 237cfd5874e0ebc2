using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared.Compare;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Tests.Fakes;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>The numbers of two compared runs side by side, the difference in words, and where the fault panel aims.</summary>
public sealed class ComparisonMetricsTests : DashboardTestContext
{
    private static SimulationSnapshot Run(double time, int violations, bool holds, double leaders) =>
        TestStates.Snapshot(time: time, invariants: [new InvariantView("election-safety", "At most one leader per term", holds, violations, null, null)])
            with { Metrics = new Dictionary<string, double> { ["leaders"] = leaders, ["term"] = 12 } };

    private string Row(IRenderedComponent<ComparisonMetrics> cut, string name) =>
        string.Join(" | ", cut.Find($"tr[data-metric='{name}']").QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()));

    [Fact]
    public void Rows_ShowBothRunsAndTheirDifference_InWords()
    {
        var cut = Render<ComparisonMetrics>(p => p
            .Add(x => x.Without, TestStates.State(Run(20, 0, true, 1)))
            .Add(x => x.With, TestStates.State(Run(20, 3, false, 2))));

        Assert.Equal("Simulated time | 20.000 s | 20.000 s | same", Row(cut, "Simulated time"));
        Assert.Equal("At most one leader per term | holds | VIOLATED, 3× | +3 violations", Row(cut, "At most one leader per term"));
        Assert.Equal("leaders | 1 | 2 | +1", Row(cut, "leaders"));
        Assert.Equal("term | 12 | 12 | same", Row(cut, "term"));
        Assert.Contains("differs", cut.Find("tr[data-metric='leaders'] td:last-child").ClassList);
    }

    [Fact]
    public void Rows_WhileTheSideWithTheDifferenceIsAnUpdateBehind_SayByHowMuch()
    {
        var cut = Render<ComparisonMetrics>(p => p
            .Add(x => x.Without, TestStates.State(Run(20, 1, true, 1)))
            .Add(x => x.With, TestStates.State(Run(19.9, 1, true, 1))));

        Assert.Equal("Simulated time | 20.000 s | 19.900 s | -0.1 s", Row(cut, "Simulated time"));
        Assert.Equal("At most one leader per term | holds now, 1× | holds now, 1× | same", Row(cut, "At most one leader per term"));
    }

    [Fact]
    public void AimPicker_OffersBothRunsOrOne_AndNothingToAWatcher()
    {
        ComparisonSide? picked = null;
        var cut = Render<FaultAimPicker>(p => p.Add(x => x.CanControl, true).Add(x => x.AimChanged, side => picked = side));

        cut.Find("select").Change(nameof(ComparisonSide.With));

        Assert.Equal(ComparisonSide.With, picked);
        Assert.Equal(["both runs", "the run without only", "the run with only"], cut.FindAll("option").Select(o => o.TextContent));
        Assert.Empty(Render<FaultAimPicker>(p => p.Add(x => x.CanControl, false)).Markup.Trim());
    }
}

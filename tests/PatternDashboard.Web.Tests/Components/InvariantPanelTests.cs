using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Tests.Components;

public sealed class InvariantPanelTests : DashboardTestContext
{
    [Fact]
    public void Render_ViolatedInvariant_SaysViolatedWithCountAndLastViolation()
    {
        var cut = Render<InvariantPanel>(p => p.Add(x => x.Invariants,
        [
            new InvariantView("election-safety", "At most one leader per term", false, 2, "n1 and n3 both lead term 4", 12.25),
            new InvariantView("liveness", "A leader appears after a heal", true, 0, null, null),
        ]));

        var violated = cut.Find("li[data-invariant=election-safety]");
        Assert.Contains("violated", violated.ClassList);
        Assert.Contains("VIOLATED", violated.TextContent);
        Assert.Contains("Violated 2 times, last at 12.250 s", violated.TextContent);
        Assert.Contains("Last violation: n1 and n3 both lead term 4", violated.TextContent);

        var holding = cut.Find("li[data-invariant=liveness]");
        Assert.Contains("Holds", holding.TextContent);
        Assert.Contains("Violated 0 times", holding.TextContent);
    }

    [Fact]
    public void Update_SameInvariants_IsNotRenderedAgainButAChangeIs()
    {
        static InvariantView Safety(bool holds, int violations) =>
            new("election-safety", "At most one leader per term", holds, violations, holds ? null : "two leaders", holds ? null : 4.0);
        var cut = Render<InvariantPanel>(p => p.Add(x => x.Invariants, [Safety(true, 0)]));
        int renders = cut.RenderCount;

        // A new list with equal items, as every publish makes: nothing to redraw.
        cut.Render(p => p.Add(x => x.Invariants, [Safety(true, 0)]));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(x => x.Invariants, [Safety(false, 1)]));
        Assert.True(cut.RenderCount > renders);
        Assert.Contains("VIOLATED", cut.Find("li[data-invariant=election-safety]").TextContent);
    }
}

using Bunit;
using PatternDashboard.Simulation.Patterns.Saga;
using PatternDashboard.Web.Components.Patterns.Saga;

namespace PatternDashboard.Web.Tests.Components.Saga;

public sealed class SagaTimelineTests : DashboardTestContext
{
    private IRenderedComponent<SagaTimeline> RenderTimeline(params SagaView[] sagas) =>
        Render<SagaTimeline>(p => p.Add(x => x.Title, "Orchestration").Add(x => x.Sagas, sagas));

    [Fact]
    public void FailedAtInventory_CompensationsShowInReverse_WithTheirOrderInWords()
    {
        var saga = new SagaView(7, 40, 2, "compensated",
            ["done", "done", "failed", "skipped"], ["done", "done", "skipped"], [1, 1, 1, 0], 3, [2, 1], 1.5, 2.5, null);

        var cut = RenderTimeline(saga);

        var headers = cut.FindAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Saga", "Status", "T1 place order", "T2 take payment", "T3 reserve stock", "T4 ship",
            "C3 release stock", "C2 refund", "C1 cancel order"], headers);
        var row = cut.Find("tr[data-saga='7']");
        Assert.Contains("failed", row.QuerySelector("td[data-step='3']")!.TextContent);
        Assert.Contains("skipped", row.QuerySelector("td[data-compensation='3']")!.TextContent);
        Assert.Contains("done, 1st", row.QuerySelector("td[data-compensation='2']")!.TextContent);
        Assert.Contains("done, 2nd", row.QuerySelector("td[data-compensation='1']")!.TextContent);
    }

    [Fact]
    public void RunningSaga_ShowsTheStepsStillToCome_AndRetries()
    {
        var saga = new SagaView(3, 10, 1, "running",
            ["done", "running", "pending", "pending"], ["pending", "pending", "pending"], [1, 3, 0, 0], 0, [], 1, null, null);

        var cut = RenderTimeline(saga);

        Assert.Contains("running ×3", cut.Find("td[data-step='2']").TextContent);
        Assert.Contains("pending", cut.Find("td[data-step='4']").TextContent);
    }

    [Fact]
    public void StuckSaga_SaysWhyInWords()
    {
        var saga = new SagaView(9, 10, 1, "stuck",
            ["done", "done", "failed", "skipped"], ["pending", "failed", "skipped"], [1, 1, 1, 0], 3, [], 1, 9, "refund failed 8 times");

        var cut = RenderTimeline(saga);

        Assert.Contains("Saga #9 is stuck: refund failed 8 times", cut.Find("tr.stuck-note").TextContent);
    }
}

using Bunit;
using PatternDashboard.Simulation.Patterns.EventSourcing;
using PatternDashboard.Web.Components.Patterns.EventSourcing;

namespace PatternDashboard.Web.Tests.Components.EventSourcing;

public sealed class StreamTimelineTests : DashboardTestContext
{
    private static readonly StreamEventView[] Events =
    [
        new(1, 3, 1.0, AccountEventType.Opened, 100, "Ada", 0, "teller-a"),
        new(2, 7, 2.0, AccountEventType.Deposited, 50, "", 0, "teller-b"),
        new(3, 9, 3.0, AccountEventType.Deposited, 2_500, "typed 2500 for 250", 0, "teller-a"),
        new(4, 12, 4.0, AccountEventType.Corrected, -2_250, "reverses the excess of v3", 3, "teller-a"),
        new(5, 15, 5.0, AccountEventType.Withdrawn, 30, "", 0, "teller-b"),
    ];

    private static FollowedStream Stream(int count, long changesInPlace = 0, long? currentBalance = null)
    {
        var shown = Events.Take(count).ToList();
        var state = Account.Replay(AccountState.Empty("acc-1"), shown.Select(e => e.ToEvent()));
        if (currentBalance is { } balance)
        {
            state = state with { Balance = balance };
        }
        return new FollowedStream("acc-1", shown, [2, 4], 4, new SnapshotHealth(true, true), state, null, changesInPlace);
    }

    private IRenderedComponent<StreamTimeline> RenderTimeline(FollowedStream stream) =>
        Render<StreamTimeline>(p => p.Add(x => x.Stream, stream).Add(x => x.SnapshotEvery, 2)
            .Add(x => x.BadEvents, [new BadEventView("acc-1", 3, 2_500, 250, 4)]));

    [Fact]
    public void AtTheEnd_RebuildsTheLatestStateAndCostWithTheNewestSnapshot()
    {
        var cut = RenderTimeline(Stream(5));

        Assert.Equal("370", cut.Find("[data-rebuilt=balance]").TextContent.Trim());
        Assert.Equal("370", cut.Find("[data-rebuilt=projected]").TextContent.Trim());
        Assert.Equal("5 events", cut.Find("[data-cost=from-zero]").TextContent.Trim());
        Assert.StartsWith("1 events after the snapshot at v4", cut.Find("[data-cost=with-snapshot]").TextContent.Trim());
        Assert.Contains("bad event", cut.Find("tr[data-version='3']").TextContent);
        Assert.Contains("corrects v3", cut.Find("tr[data-version='4']").TextContent);
    }

    [Fact]
    public void SlidingBack_RebuildsTheAccountAndTheRowAtThatEvent_AndStaysThereAsEventsArrive()
    {
        var cut = RenderTimeline(Stream(4));

        cut.Find("input[data-slider=stream]").Input("3");
        Assert.Equal("2650", cut.Find("[data-rebuilt=balance]").TextContent.Trim());
        Assert.Equal("true", cut.Find("tr[data-version='3']").GetAttribute("aria-current"));
        Assert.Contains("1 events after the snapshot at v2", cut.Find("[data-cost=with-snapshot]").TextContent);

        cut.Render(p => p.Add(x => x.Stream, Stream(5)));
        Assert.Equal("v3 of v5", cut.Find("[data-stat=at]").TextContent.Trim());
        cut.FindAll("button").Single(b => b.TextContent.Contains("Back one")).Click();
        Assert.Equal("150", cut.Find("[data-rebuilt=balance]").TextContent.Trim());
        cut.Find("button[data-action=follow-live]").Click();
        Assert.Equal("v5 of v5", cut.Find("[data-stat=at]").TextContent.Trim());
        cut.Render(p => p.Add(x => x.Stream, Stream(5)));
        Assert.Equal("370", cut.Find("[data-rebuilt=balance]").TextContent.Trim());
    }

    [Fact]
    public void AtZero_NothingExistsYet()
    {
        var cut = RenderTimeline(Stream(3));

        cut.Find("input[data-slider=stream]").Input("0");

        Assert.Equal("none", cut.Find("[data-rebuilt=status]").TextContent.Trim());
        Assert.Equal("—", cut.Find("[data-rebuilt=projected]").TextContent.Trim());
    }

    [Fact]
    public void ChangedInPlace_SaysTheSliderCannotReachTheChanges()
    {
        var cut = RenderTimeline(Stream(5, changesInPlace: 3, currentBalance: 9_000));

        var warning = cut.Find("[data-stat=in-place]").TextContent;
        Assert.Contains("shows 9000 now", warning);
        Assert.Contains("ends at 370", warning);
        Assert.Contains("3 changes were made in place", warning);
    }
}

using Bunit;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;
using PatternDashboard.Web.Components.Patterns.PubSub;
using PatternDashboard.Web.Tests.Fakes;

namespace PatternDashboard.Web.Tests.Components.PubSub;

/// <summary>The queue, counter and dead-letter views of the Pub/Sub page, fed with hand-made details.</summary>
public sealed class PubSubComponentTests : DashboardTestContext
{
    private static readonly DeadLetter Poison = new(new MessageId(3, 7), true, 5, "refused by the consumer 5 times", 12.5);
    private static readonly DeadLetter Expired = new(new MessageId(2, 9), false, 5, "not acknowledged after 5 deliveries", 14.25);

    private static SubscriptionDetails Subscription(
        string name, int depth = 0, double lag = 0, long duplicateEffects = 0, long lost = 0, IReadOnlyList<DeadLetter>? letters = null) =>
        new(name, "orders", [$"{name}-1", $"{name}-2"], depth, Math.Min(depth, 4), lag, 100, 6, 90, 2, 0, lost, 3, 95 + duplicateEffects, 95,
            duplicateEffects, 0, 95 + duplicateEffects, letters?.Count ?? 0, letters ?? []);

    private static MessagingDetails Details(bool persistent = true, bool idempotent = true, long lost = 0, long duplicateEffects = 0) =>
        new(210, 200, 400, 380, 12, 4, 6, duplicateEffects, lost, lost, 3, 0, 5, persistent, idempotent, true, 10, 500,
            [Subscription("billing", 42, 3.4, duplicateEffects, lost), Subscription("analytics")]);

    [Fact]
    public void SubscriptionQueues_ShowDepthAgainstCapacityLagAndConsumersPerSubscription()
    {
        var cut = Render<SubscriptionQueues>(p => p
            .Add(c => c.Subscriptions, Details().Subscriptions)
            .Add(c => c.QueueCapacity, 500));

        var billing = cut.Find("tr[data-subscription=billing]");
        Assert.Equal("42", billing.QuerySelector("[data-col=depth]")!.TextContent);
        Assert.Equal("3.4 s", billing.QuerySelector("[data-col=lag]")!.TextContent);
        Assert.Equal("4", billing.QuerySelector("[data-col=leased]")!.TextContent);
        Assert.Contains("billing-1, billing-2", billing.TextContent);
        Assert.Equal("42 of 500 messages", billing.QuerySelector("[aria-valuetext]")!.GetAttribute("aria-valuetext"));
        Assert.Equal("0", cut.Find("tr[data-subscription=analytics] [data-col=depth]").TextContent);
    }

    [Fact]
    public void SubscriptionQueues_DuplicateEffectsAndLosses_MarkedAsBad()
    {
        var cut = Render<SubscriptionQueues>(p => p
            .Add(c => c.Subscriptions, Details(lost: 17, duplicateEffects: 3).Subscriptions)
            .Add(c => c.QueueCapacity, 500));

        var billing = cut.Find("tr[data-subscription=billing]");
        Assert.Equal("3", billing.QuerySelector("[data-col=duplicate-effects]")!.TextContent);
        Assert.Contains("bad", billing.QuerySelector("[data-col=duplicate-effects]")!.ClassList);
        Assert.Equal("17", billing.QuerySelector("[data-col=lost]")!.TextContent);
        Assert.DoesNotContain("bad", cut.Find("tr[data-subscription=analytics] [data-col=lost]").ClassList);
    }

    [Fact]
    public void SubscriptionQueues_None_SaysSo()
    {
        var cut = Render<SubscriptionQueues>();

        Assert.Contains("No subscriptions yet", cut.Markup);
    }

    [Fact]
    public void MessagingCounters_ShowEveryCounter()
    {
        var cut = Render<MessagingCounters>(p => p.Add(c => c.Details, Details()));

        Assert.Equal("200", cut.Find("[data-stat=published]").TextContent);
        Assert.Equal("400", cut.Find("[data-stat=delivered]").TextContent);
        Assert.Equal("380", cut.Find("[data-stat=acknowledged]").TextContent);
        Assert.Equal("12", cut.Find("[data-stat=redelivered]").TextContent);
        Assert.Equal("4", cut.Find("[data-stat=dead-lettered]").TextContent);
        Assert.Equal("6", cut.Find("[data-stat=duplicates]").TextContent);
        Assert.Equal("0", cut.Find("[data-stat=lost]").TextContent);
        Assert.Equal("on", cut.Find("[data-stat=persistence]").TextContent);
        Assert.DoesNotContain("Break it is on", cut.Markup);
    }

    [Fact]
    public void MessagingCounters_BreakItOn_SaysSoAndMarksLossesAndDoubleEffects()
    {
        var cut = Render<MessagingCounters>(p => p.Add(c => c.Details, Details(persistent: false, idempotent: false, lost: 17, duplicateEffects: 3)));

        Assert.Equal("off", cut.Find("[data-stat=persistence]").TextContent);
        Assert.Equal("not idempotent", cut.Find("[data-stat=idempotent]").TextContent);
        Assert.Contains("bad", cut.Find("[data-stat=lost]").ClassList);
        Assert.Contains("bad", cut.Find("[data-stat=duplicate-effects]").ClassList);
        Assert.Contains("a crash loses them", cut.Markup);
        Assert.Contains("duplicates included", cut.Markup);
    }

    [Fact]
    public void DeadLetterTable_ListsNewestFirstAndReplayInjectsTheAction()
    {
        var session = AddSession(catalog: PubSubPattern.Faults);
        var subscriptions = new[] { Subscription("billing", letters: [Poison]), Subscription("analytics", letters: [Expired]) };
        var cut = Render<DeadLetterTable>(p => p.Add(c => c.Subscriptions, subscriptions).Add(c => c.Session, session));

        var rows = cut.FindAll("tr[data-dead-letter]");
        Assert.Equal(["k2#9", "k3#7"], rows.Select(r => r.GetAttribute("data-dead-letter")));
        Assert.Contains("refused by the consumer 5 times", rows[1].TextContent);
        Assert.Contains("2 dead letters", cut.Markup);

        cut.FindAll("button").Single(b => b.TextContent.Contains("Replay dead letters")).Click();

        Assert.Equal(PubSubPattern.Fault.ReplayDeadLetters, Assert.Single(session.Injected).FaultId);
    }

    [Fact]
    public void DeadLetterTable_Empty_ReplayDisabled()
    {
        var session = AddSession(catalog: PubSubPattern.Faults);
        var cut = Render<DeadLetterTable>(p => p.Add(c => c.Subscriptions, [Subscription("billing")]).Add(c => c.Session, session));

        Assert.Contains("dead-letter queues are empty", cut.Markup);
        Assert.True(cut.FindAll("button").Single(b => b.TextContent.Contains("Replay dead letters")).HasAttribute("disabled"));
    }

    [Fact]
    public void DeadLetterTable_ReplayRefused_ShowsTheReason()
    {
        var session = AddSession(catalog: PubSubPattern.Faults);
        session.NextError = new SimulationInputException("The broker is down; restart it first.");
        var cut = Render<DeadLetterTable>(p => p.Add(c => c.Subscriptions, [Subscription("billing", letters: [Poison])]).Add(c => c.Session, session));

        cut.FindAll("button").Single(b => b.TextContent.Contains("Replay dead letters")).Click();

        Assert.Contains("The broker is down; restart it first.", cut.Find(".mud-alert").TextContent);
    }

    private FakeSimulationSession AddSession(IReadOnlyList<FaultDefinition> catalog) =>
        Manager.Add(new FakeSimulationSession("ps-1", TestStates.LeaderElection("ps-1"), catalog) { Pattern = PubSubPattern.Descriptor });
}

using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;
using static PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker.CircuitBreakerTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker;

/// <summary>Polly's breaker on the simulation's clock (a fake clock that only the test moves): the full state machine.</summary>
public sealed class BreakerTransitionTests
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromMilliseconds(5000);

    [Fact]
    public void Snapshot_DrawsOnlyTheCallersLinks_ServicesNeverCallEachOther()
    {
        var cluster = Create(seed: 4);

        var links = cluster.CreateSnapshot().Links;

        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Contains(CallerId, new[] { l.From, l.To }));
    }

    [Fact]
    public void ErrorRate100_ThenRecover_GoesClosedOpenHalfOpenOpenHalfOpenClosed()
    {
        var cluster = Create(seed: 3);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        Assert.Equal(BreakerStates.Closed, cluster.Breaker(ServiceA).State);

        var errors = Inject(cluster, Fault.ErrorRate, ServiceA, 100)!;
        Assert.NotNull(RunUntilState(cluster, ServiceA, BreakerStates.Open, TimeSpan.FromSeconds(5)));
        var openedAt = cluster.Clock.Now;

        Assert.NotNull(RunUntilState(cluster, ServiceA, BreakerStates.HalfOpen, TimeSpan.FromSeconds(10)));
        var waited = cluster.Clock.Now - openedAt;
        Assert.InRange(waited, BreakDuration, BreakDuration + TimeSpan.FromSeconds(1));

        Assert.NotNull(RunUntilState(cluster, ServiceA, BreakerStates.Open, TimeSpan.FromSeconds(3)));
        Assert.False(cluster.Breaker(ServiceA).LastProbe!.Ok);

        cluster.ClearFault(errors.Id);
        Assert.NotNull(RunUntilState(cluster, ServiceA, BreakerStates.HalfOpen, TimeSpan.FromSeconds(10)));
        Assert.NotNull(RunUntilState(cluster, ServiceA, BreakerStates.Closed, TimeSpan.FromSeconds(3)));
        Assert.True(cluster.Breaker(ServiceA).LastProbe!.Ok);

        var path = cluster.Breaker(ServiceA).Timeline.Recent.Select(t => $"{t.From}>{t.To}").ToList();
        Assert.Equal(["Closed>Open", "Open>Half-Open", "Half-Open>Open", "Open>Half-Open", "Half-Open>Closed"], path);
        Assert.Equal(BreakerStates.Closed, cluster.Breaker(ServiceB).State);
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void Open_NoCallReachesService_UntilTheSingleProbe()
    {
        var cluster = Create(seed: 4);
        cluster.RunFor(TimeSpan.FromSeconds(1));
        Inject(cluster, Fault.ErrorRate, ServiceA, 100);
        RunUntilState(cluster, ServiceA, BreakerStates.Open, TimeSpan.FromSeconds(5));
        // Replies to calls made before the break may still arrive; let them land.
        cluster.RunFor(TimeSpan.FromMilliseconds(200));
        long received = cluster.Service(ServiceA).Received;

        RunUntilState(cluster, ServiceA, BreakerStates.HalfOpen, TimeSpan.FromSeconds(10));
        cluster.RunFor(TimeSpan.FromMilliseconds(100));

        Assert.Equal(received + 1, cluster.Service(ServiceA).Received);
        Assert.Equal(BreakerStates.Open, cluster.Breaker(ServiceA).State);
        Assert.True(cluster.Breaker(ServiceA).Stats.Total.Rejected > 50);
    }

    [Fact]
    public void Isolate_HoldsOpenWithoutCalls_CloseResumes()
    {
        var cluster = Create(seed: 5);
        cluster.RunFor(TimeSpan.FromSeconds(1));
        var isolate = Inject(cluster, Fault.Isolate, ServiceB)!;
        cluster.RunFor(TimeSpan.FromMilliseconds(100));
        long received = cluster.Service(ServiceB).Received;

        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.Equal(BreakerStates.Isolated, cluster.Breaker(ServiceB).State);
        Assert.Equal(received, cluster.Service(ServiceB).Received);
        Assert.True(cluster.Details().Breakers.Single(b => b.ServiceId == ServiceB).PerSecond.Fallback > 5);

        Inject(cluster, Fault.Close, ServiceB);
        cluster.RunFor(TimeSpan.FromSeconds(2));

        Assert.False(cluster.Faults.Contains(isolate.Id));
        Assert.Equal(BreakerStates.Closed, cluster.Breaker(ServiceB).State);
        Assert.True(cluster.Service(ServiceB).Received > received + 20);
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void HardDown_CallsTimeOut_BreakerOpens_RecoverCloses()
    {
        var cluster = Create(seed: 6);
        cluster.RunFor(TimeSpan.FromSeconds(1));
        Inject(cluster, Fault.HardDown, ServiceA);

        Assert.NotNull(RunUntilState(cluster, ServiceA, BreakerStates.Open, TimeSpan.FromSeconds(15)));
        Assert.Equal("down", cluster.CreateSnapshot().Nodes.Single(n => n.Id == ServiceA).State);

        Inject(cluster, Fault.Recover, ServiceA);
        Assert.Empty(cluster.Faults.Active);
        Assert.NotNull(RunUntilState(cluster, ServiceA, BreakerStates.Closed, TimeSpan.FromSeconds(15)));
        Assert.Equal(0, cluster.InternalErrors);
    }

    [Fact]
    public void Details_WhileOpen_CountDownToHalfOpenAndShowRates()
    {
        var cluster = Create(seed: 7);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.ErrorRate, ServiceA, 100);
        RunUntilState(cluster, ServiceA, BreakerStates.Open, TimeSpan.FromSeconds(5));
        cluster.RunFor(TimeSpan.FromSeconds(2));

        var card = cluster.Details().Breakers.Single(b => b.ServiceId == ServiceA);

        Assert.Equal(BreakerStates.Open, card.State);
        Assert.InRange(card.HalfOpenIn!.Value, 2.9, 3.1);
        Assert.InRange(card.TimeInState, 1.9, 2.1);
        Assert.True(card.PerSecond.Rejected > 10);
        Assert.Equal(card.PerSecond.Rejected, card.PerSecond.Fallback);
        Assert.True(card.LatencyP99 >= card.LatencyP50);
        Assert.Contains(card.Band, s => s.State == BreakerStates.Open && s.End is null);
    }
}

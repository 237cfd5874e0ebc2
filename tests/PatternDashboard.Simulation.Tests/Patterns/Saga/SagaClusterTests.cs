using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Saga;
using static PatternDashboard.Simulation.Patterns.Saga.SagaPattern;

namespace PatternDashboard.Simulation.Tests.Patterns.Saga;

public sealed class SagaClusterTests
{
    private static SagaCluster Create(long seed, Dictionary<string, double>? options = null) => new(seed, options ?? []);

    private static ActiveFault? Inject(SagaCluster cluster, string fault, string? target = null, double? value = null) =>
        cluster.InjectFault(new FaultRequest(fault, target, value));

    /// <summary>Stops new orders, clears every fault and runs until every saga of every style has ended.</summary>
    private static void Settle(SagaCluster cluster, TimeSpan limit)
    {
        cluster.Shop.SetRate(0);
        while (cluster.Faults.Active.Count > 0)
        {
            cluster.ClearFault(cluster.Faults.Active[0].Id);
        }
        var end = cluster.Clock.Now + limit;
        while (cluster.Clock.Now < end && cluster.Trackers.Any(t => t.InFlight > 0 || t.Started < cluster.Shop.Placed))
        {
            cluster.RunFor(TimeSpan.FromMilliseconds(500));
        }
    }

    private static string Violations(SimulationBase cluster) =>
        string.Join("; ", cluster.Invariants.Views().Where(v => v.Violations > 0).Select(v => $"{v.Id}: {v.LastViolation}"));

    [Fact]
    public void Create_Defaults_BothStylesSideBySide()
    {
        var cluster = Create(1);

        Assert.Equal([SagaStyle.Orchestration, SagaStyle.Choreography], cluster.Styles);
        Assert.Contains(cluster.Nodes, n => n.Id == CoordinatorId);
        Assert.Contains(cluster.Nodes, n => n.Id == "c-payment");
        Assert.Equal(2, cluster.SagaDetailsOf().Styles.Count);
    }

    [Theory]
    [InlineData(OrchestrationOnly, "coordinator")]
    [InlineData(ChoreographyOnly, "broker")]
    public void Create_OneStyle_OnlyItsNodesWork(int styles, string hub)
    {
        var cluster = Create(1, new() { [Option.Styles] = styles });
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.Single(cluster.Styles);
        Assert.Contains(cluster.Nodes, n => n.Id == hub);
        Assert.True(cluster.Trackers.Single().Completed > 5);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SameSeed_BothStyles_EndEveryOrderTheSameWay(long seed)
    {
        var cluster = Create(seed, new() { [Option.TransientPercent] = 0, [Option.OrderRate] = 3 });
        cluster.RunFor(TimeSpan.FromSeconds(30));
        Settle(cluster, TimeSpan.FromSeconds(60));

        var orchestrated = cluster.Tracker(SagaStyle.Orchestration);
        var choreographed = cluster.Tracker(SagaStyle.Choreography);
        Assert.Equal(orchestrated.Started, choreographed.Started);
        for (int n = 1; n <= orchestrated.Started; n++)
        {
            var a = orchestrated.Find(n)!;
            var b = choreographed.Find(n)!;
            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.FailedAt, b.FailedAt);
        }
        Assert.True(orchestrated.Compensated > 0, "some orders should fail at the default rates");
        Assert.Equal("", Violations(cluster));
    }

    public static TheoryData<long> Seeds() => [.. Enumerable.Range(1, 8).Select(s => (long)s)];

    public static TheoryData<long> ManySeeds() => [.. Enumerable.Range(1, 30).Select(s => (long)s)];

    [Fact]
    public void FailInventory_CompensatesPaymentThenOrder_InReverse()
    {
        var cluster = Create(2, new() { [Option.OrderRate] = 0, [Option.TransientPercent] = 0 });
        Inject(cluster, Fault.FailNext, value: 3);
        cluster.Shop.PlaceNow();
        cluster.RunFor(TimeSpan.FromSeconds(10));

        foreach (var tracker in cluster.Trackers)
        {
            var saga = tracker.Find(1)!;
            Assert.Equal(SagaStatus.Compensated, saga.Status);
            Assert.Equal(3, saga.FailedAt);
            Assert.Equal([2, 1], saga.CompensationOrder);
            Assert.Equal([StepState.Done, StepState.Done, StepState.Failed, StepState.Skipped], saga.Steps);
            Assert.Equal(1, saga.Charges);
            Assert.Equal(1, saga.Refunds);
        }
        Assert.Equal("", Violations(cluster));
    }

    [Fact]
    public void FailShipping_CompensatesThreeTwoOne()
    {
        var cluster = Create(2, new() { [Option.OrderRate] = 0, [Option.TransientPercent] = 0 });
        Inject(cluster, Fault.FailNext, value: 4);
        cluster.Shop.PlaceNow();
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.All(cluster.Trackers, t => Assert.Equal([3, 2, 1], t.Find(1)!.CompensationOrder));
    }

    [Fact]
    public void CoordinatorCrashMidSaga_ResumesFromItsLog()
    {
        var cluster = Create(3, new() { [Option.OrderRate] = 0, [Option.TransientPercent] = 0, [Option.ServiceTimeMs] = 400 });
        cluster.Shop.PlaceNow();
        var orchestrated = cluster.Tracker(SagaStyle.Orchestration);
        while (orchestrated.Find(1)!.Steps[1] != StepState.Done)
        {
            cluster.Step();
        }
        var crash = Inject(cluster, LifecycleFaults.Crash, CoordinatorId)!;
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.Equal(SagaStatus.Running, orchestrated.Find(1)!.Status); // nobody drives it meanwhile
        Assert.Equal(StepState.Pending, orchestrated.Find(1)!.Steps[2]);

        cluster.ClearFault(crash.Id);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.Equal(1, cluster.Coordinator!.Resumed);
        Assert.Equal(SagaStatus.Completed, orchestrated.Find(1)!.Status);
        Assert.Equal(1, orchestrated.Find(1)!.Charges);
        Assert.Equal(0, cluster.Coordinator.SagaLog.OpenSagas);
        Assert.Equal("", Violations(cluster));
    }

    [Fact]
    public void RefundKeepsFailing_SagaStuck_ReportedNotHidden()
    {
        var cluster = Create(4, new() { [Option.OrderRate] = 0, [Option.TransientPercent] = 0, [Option.CompensationAttempts] = 4 });
        Inject(cluster, Fault.FailNext, value: 3);
        cluster.Shop.PlaceNow();
        var trackers = cluster.Trackers.ToList();
        while (trackers.Any(t => t.Find(1)!.Steps[1] != StepState.Done))
        {
            cluster.Step();
        }
        Inject(cluster, Fault.ErrorRate, "o-payment", 100);
        Inject(cluster, Fault.ErrorRate, "c-payment", 100);
        cluster.RunFor(TimeSpan.FromSeconds(30));

        foreach (var tracker in trackers)
        {
            var saga = tracker.Find(1)!;
            Assert.Equal(SagaStatus.Stuck, saga.Status);
            Assert.Contains("refund failed 4 times", saga.StuckReason);
        }
        var stuck = cluster.Invariants.Views().Single(v => v.Id == NoSagaStuckMonitor.MonitorId);
        Assert.False(stuck.Holds);
        Assert.Contains(cluster.Log.All(), e => e.Kind == "stuck");
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void RandomFailuresAndCoordinatorCrashes_EverySagaEndsRight_BooksBalance(long seed)
    {
        var cluster = Create(seed, new() { [Option.OrderRate] = 2, [Option.TransientPercent] = 20 });
        var chaos = new SeededRandom(seed).Derive("test-chaos");
        string[] services = [.. cluster.Services.Select(s => s.Id)];
        for (int round = 0; round < 12; round++)
        {
            cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(4)));
            switch (chaos.Next(6))
            {
                case 0:
                    var crash = Inject(cluster, LifecycleFaults.Crash, CoordinatorId);
                    cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5)));
                    cluster.ClearFault(crash!.Id);
                    break;
                case 1:
                    Inject(cluster, Fault.FailNext, value: chaos.Next(1, 5));
                    break;
                case 2:
                    Inject(cluster, Fault.TimeoutNext, value: chaos.Next(1, 5));
                    break;
                case 3:
                    string service = services[chaos.Next(services.Length)];
                    if (!cluster.Faults.IsActive(Fault.FailureRate, service))
                    {
                        Inject(cluster, Fault.FailureRate, service, 50);
                    }
                    break;
                case 4:
                    if (!cluster.Faults.IsActive(NetworkFaults.Duplicate, null))
                    {
                        Inject(cluster, NetworkFaults.Duplicate, value: 30);
                    }
                    break;
                default:
                    var down = Inject(cluster, LifecycleFaults.Crash, services[chaos.Next(services.Length)]);
                    cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(3)));
                    cluster.ClearFault(down!.Id);
                    break;
            }
        }
        Settle(cluster, TimeSpan.FromSeconds(90));

        Assert.Equal("", Violations(cluster));
        foreach (var style in cluster.SagaDetailsOf().Styles)
        {
            Assert.Equal(0, style.Counts.InFlight);
            Assert.Equal(style.Counts.Started, style.Counts.Completed + style.Counts.Compensated);
            var b = style.Books;
            Assert.Equal(b.ShippedValue, b.MoneyTaken - b.MoneyRefunded);
            Assert.Equal(b.StockShipped, b.StockReserved - b.StockReleased);
        }
    }

    [Fact]
    public void Duplicates_Idempotent_NothingChargedTwice()
    {
        var cluster = Create(5, new() { [Option.OrderRate] = 3 });
        Inject(cluster, NetworkFaults.Duplicate, value: 50);
        cluster.RunFor(TimeSpan.FromSeconds(30));
        Settle(cluster, TimeSpan.FromSeconds(60));

        Assert.Equal("", Violations(cluster));
        Assert.True(cluster.Services.Sum(s => s.Ledger.DuplicatesSkipped) > 10);
    }

    [Fact]
    public void NonIdempotentUnderDuplicates_ChargesTwice()
    {
        var cluster = Create(5, new() { [Option.OrderRate] = 3 });
        Inject(cluster, Fault.NonIdempotent);
        Inject(cluster, NetworkFaults.Duplicate, value: 50);
        cluster.RunFor(TimeSpan.FromSeconds(30));

        var books = cluster.Invariants.Views().Single(v => v.Id == ConservationMonitor.MonitorId);
        Assert.False(books.Holds);
    }

    [Fact]
    public void NoCompensations_MoneyTakenForGoodsNeverShipped()
    {
        var cluster = Create(6, new() { [Option.OrderRate] = 0, [Option.TransientPercent] = 0 });
        Inject(cluster, Fault.NoCompensations);
        Inject(cluster, Fault.FailNext, value: 3);
        cluster.Shop.PlaceNow();
        cluster.RunFor(TimeSpan.FromSeconds(10));

        foreach (var tracker in cluster.Trackers)
        {
            Assert.Equal(SagaStatus.Abandoned, tracker.Find(1)!.Status);
            Assert.Equal(1, tracker.Find(1)!.Charges);
            Assert.Equal(0, tracker.Find(1)!.Refunds);
        }
        Assert.Contains(cluster.Invariants.Views(), v => v.Id == SagaEndsMonitor.MonitorId && !v.Holds);
    }

    [Fact]
    public void TimeoutNext_RetriedAndHarmless()
    {
        var cluster = Create(7, new() { [Option.OrderRate] = 0, [Option.TransientPercent] = 0 });
        Inject(cluster, Fault.TimeoutNext, value: 2);
        cluster.Shop.PlaceNow();
        cluster.RunFor(TimeSpan.FromSeconds(10));

        foreach (var tracker in cluster.Trackers)
        {
            var saga = tracker.Find(1)!;
            Assert.Equal(SagaStatus.Completed, saga.Status);
            Assert.Equal(1, saga.Charges);
            // The late answer was retried: the retry found its key and did nothing a second time.
            Assert.Equal(1, cluster.ServicesOf(tracker.Style).Single(s => s.Step.Number == 2).Ledger.DuplicatesSkipped);
        }
        Assert.Equal("", Violations(cluster));
    }
}

using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.StranglerFig;
using static PatternDashboard.Simulation.Patterns.StranglerFig.StranglerFigPattern;
using static PatternDashboard.Simulation.Tests.Patterns.StranglerFig.StranglerFigTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.StranglerFig;

/// <summary>The strangler's own facts over many seeds: who answers, what a rollback restores, what shadowing finds and costs, and what a big bang risks.</summary>
public sealed class StranglerFigBehaviourTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    [Theory]
    [MemberData(nameof(Seeds), 20, MemberType = typeof(StranglerFigTestSupport))]
    public void Shadowing_WithDuplicatedMessages_EveryRequestAnsweredOnceByTheRoutedBackend(long seed)
    {
        var cluster = Create(seed);
        var answers = new Dictionary<long, string>();
        var shadowedAnswers = 0;
        cluster.AnswerObserver = (feature, _, backend, response) =>
        {
            Assert.True(answers.TryAdd(response.RequestId, backend), $"seed {seed}: request {response.RequestId} answered twice.");
            if (cluster.Route(feature).Stage == RouteStage.Shadow)
            {
                // The shadow's answer is compared, never returned: the customer hears the monolith.
                Assert.Equal(LegacyId, backend);
                shadowedAnswers++;
            }
        };
        Inject(cluster, NetworkFaults.Duplicate, value: 30);
        RunUntilStage(cluster, Feature.Profile, RouteStage.Canary, Long);

        Assert.True(shadowedAnswers > 20, $"seed {seed}: only {shadowedAnswers} answers while shadowing.");
        Assert.True(cluster.Route(Feature.Catalog).Judge.Compared > 20);
        Assert.True(cluster.Facade.Duplicates > 0, $"seed {seed}: no request arrived twice.");
        Assert.Equal(0, cluster.SecondAnswers);
        Assert.Equal(0, cluster.Invariants.Views().Single(v => v.Id == OneAnsweringBackendMonitor.MonitorId).Violations);
        Assert.True(cluster.Customers.Sent >= answers.Count);
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(StranglerFigTestSupport))]
    public void RollbackOfAFeatureServedWrong_RestoresLegacyAnswers(long seed)
    {
        // Mismatches would hold the feature in shadow, so the bug lands once it serves everyone.
        var cluster = Create(seed);
        RunUntilStage(cluster, Feature.Catalog, RouteStage.New, Long);
        Inject(cluster, Fault.BugWrongAnswers, ServiceId(Feature.Catalog), 100);
        int wrongBefore = 0, wrongAfter = 0, legacyAfter = 0, newAfter = 0;
        bool rolledBack = false;
        cluster.AnswerObserver = (feature, customer, backend, response) =>
        {
            if (feature != Feature.Catalog || !response.Ok)
            {
                return;
            }
            bool wrong = ValueOf(response.Answer) != FeatureAnswers.Value(feature, customer, wrong: false);
            if (!rolledBack)
            {
                wrongBefore += wrong ? 1 : 0;
                return;
            }
            wrongAfter += wrong ? 1 : 0;
            legacyAfter += backend == LegacyId ? 1 : 0;
            newAfter += backend == LegacyId ? 0 : 1;
        };
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.Rollback, ServiceId(Feature.Catalog));
        // Requests already at the new service when the row changed may still come back from it.
        cluster.RunFor(TimeSpan.FromSeconds(1));
        rolledBack = true;
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.True(wrongBefore > 5, $"seed {seed}: the bug gave only {wrongBefore} wrong answers.");
        Assert.Equal(RouteStage.Legacy, cluster.Route(Feature.Catalog).Stage);
        Assert.True(legacyAfter > 20, $"seed {seed}: {legacyAfter} catalog answers after the rollback.");
        Assert.Equal(0, newAfter);
        Assert.Equal(0, wrongAfter);
        Assert.Equal(0, cluster.StrayAnswers);
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(StranglerFigTestSupport))]
    public void NoiseBaseline_CorrectNewService_NaiveComparisonSeesNoiseAndTheBaselineNone(long seed)
    {
        var cluster = Create(seed);
        RunUntilStage(cluster, Feature.Catalog, RouteStage.Canary, Long);
        var judge = cluster.Route(Feature.Catalog).Judge;

        Assert.True(judge.Compared > 30, $"seed {seed}: {judge.Compared} comparisons.");
        Assert.Equal(judge.Compared, judge.NaiveMismatches); // every answer carries its own time and id
        Assert.Equal(0, judge.RealMismatches);
        Assert.Contains("id", judge.NoisyFields);
        Assert.DoesNotContain(FeatureAnswers.ValueField, judge.NoisyFields);
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(StranglerFigTestSupport))]
    public void NoiseBaseline_WrongAnswersInShadow_CountsThemAndHoldsTheFeatureInShadow(long seed)
    {
        var cluster = Create(seed);
        RunUntilStage(cluster, Feature.Catalog, RouteStage.Shadow, Long);
        Inject(cluster, Fault.BugWrongAnswers, ServiceId(Feature.Catalog), 30);
        cluster.RunFor(TimeSpan.FromSeconds(40));
        var route = cluster.Route(Feature.Catalog);
        double real = (double)route.Judge.RealMismatches / route.Judge.Compared;

        Assert.Equal(RouteStage.Shadow, route.Stage);
        Assert.InRange(real, 0.18, 0.42);
        Assert.Equal(0, route.ByNew); // no customer got a wrong answer
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(StranglerFigTestSupport))]
    public void ShadowingTheCheckout_ChargesEveryShadowedOrderTwice(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.Equal(0, cluster.Payments.DoubleCharges);
        long checkoutsBefore = cluster.Route(Feature.Checkout).Requests;
        var shadow = Inject(cluster, Fault.ShadowWrites)!;
        cluster.RunFor(TimeSpan.FromSeconds(10));
        cluster.ClearFault(shadow.Id);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        long shadowed = cluster.Route(Feature.Checkout).Requests - checkoutsBefore;

        Assert.True(shadowed > 40, $"seed {seed}: {shadowed} checkouts.");
        // Every checkout routed while shadowed, save one or two cut off at its edges, was charged twice.
        Assert.InRange(cluster.Payments.DoubleCharges, shadowed - 30, shadowed);
        Assert.True(cluster.Invariants.Views().Single(v => v.Id == ChargedOnceMonitor.MonitorId).Violations > 0);
    }

    [Theory]
    [MemberData(nameof(Seeds), 5, MemberType = typeof(StranglerFigTestSupport))]
    public void WholeMigration_WithoutFaults_RetiresEveryFeatureAndChargesOnce(long seed)
    {
        var cluster = Create(seed);
        RunUntilStage(cluster, Feature.Checkout, RouteStage.Retired, TimeSpan.FromMinutes(5));

        Assert.All(cluster.Routes, r => Assert.Equal(RouteStage.Retired, r.Stage));
        Assert.Equal(1.0, cluster.Details().Progress);
        Assert.Equal(0, cluster.Payments.DoubleCharges);
        Assert.Equal(0, cluster.Invariants.TotalViolations);
        // The monolith still gets called for nothing once all is retired.
        long legacy = cluster.Legacy.Received;
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.Equal(legacy, cluster.Legacy.Received);
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(StranglerFigTestSupport))]
    public void BigBang_OneCrashingBug_TakesEveryFeatureDown(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.BigBang);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Assert.Empty(cluster.FailingFeatures());
        Inject(cluster, Fault.BugCrash, ServiceId(Feature.Orders));
        cluster.RunFor(TimeSpan.FromSeconds(3));

        Assert.False(cluster.Rewrite.IsUp);
        Assert.Equal(Feature.All, cluster.FailingFeatures());
        Assert.True(cluster.Invariants.Views().Single(v => v.Id == BugStaysInItsFeatureMonitor.MonitorId).Violations > 0);
    }

    [Theory]
    [MemberData(nameof(Seeds), 10, MemberType = typeof(StranglerFigTestSupport))]
    public void Strangler_TheSameBugOnAMovedFeature_RollsBackThatFeatureOnly(long seed)
    {
        var cluster = Create(seed);
        RunUntilStage(cluster, Feature.Orders, RouteStage.New, TimeSpan.FromMinutes(3));
        Inject(cluster, Fault.BugCrash, ServiceId(Feature.Orders));
        var worst = 0;
        for (int i = 0; i < 40; i++)
        {
            cluster.RunFor(TimeSpan.FromMilliseconds(250));
            worst = Math.Max(worst, cluster.FailingFeatures().Count);
        }

        Assert.False(cluster.Service(Feature.Orders).IsUp);
        // Rolled back, and since started over: in shadow at most, where the crashed service answers nobody.
        Assert.True(cluster.Route(Feature.Orders).Rollbacks > 0);
        Assert.Contains(cluster.Route(Feature.Orders).Stage, new[] { RouteStage.Legacy, RouteStage.Shadow });
        Assert.True(worst <= 1, $"seed {seed}: {worst} features failed at once.");
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Fact]
    public void PaymentLedger_ManyOrders_RemembersABoundedNumber()
    {
        var ledger = new PaymentLedger();
        for (long order = 1; order <= 3 * PaymentLedger.Remembered; order++)
        {
            ledger.Charge(order, LegacyId, TimeSpan.Zero);
            ledger.Charge(order, ServiceId(Feature.Checkout), TimeSpan.Zero);
        }

        Assert.Equal(PaymentLedger.Remembered, ledger.Count);
        Assert.Equal(3 * PaymentLedger.Remembered, ledger.DoubleCharges);
    }

    [Fact]
    public void ShadowJudge_NoisyFieldOnlyDiffers_IsNoRealMismatch()
    {
        var judge = new ShadowJudge();
        string a = FeatureAnswers.Compose("price:1.0", TimeSpan.FromMilliseconds(10), LegacyId, 1);
        string b = FeatureAnswers.Compose("price:1.0", TimeSpan.FromMilliseconds(12), LegacyId, 2);

        Assert.False(judge.Judge(a, b, FeatureAnswers.Compose("price:1.0", TimeSpan.FromMilliseconds(11), "new-catalog", 3)));
        Assert.True(judge.Judge(a, b, FeatureAnswers.Compose("price:1.1", TimeSpan.FromMilliseconds(11), "new-catalog", 4)));
        Assert.Equal(2, judge.NaiveMismatches);
        Assert.Equal(1, judge.RealMismatches);
    }
}

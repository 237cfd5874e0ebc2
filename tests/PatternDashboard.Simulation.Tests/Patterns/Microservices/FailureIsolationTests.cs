using PatternDashboard.Simulation.Patterns.Microservices;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Microservices.MicroservicesTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.Microservices;

/// <summary>A crashed or slow service takes down its own features only; the monolith and the missing timeouts take down all.</summary>
public sealed class FailureIsolationTests
{
    public static IEnumerable<object[]> ManySeeds => Seeds(20);

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void CrashPayments_OnlyPayFails_OthersKeepServing(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.CrashService, InstanceId(Service.Payments, 1));
        cluster.RunFor(TimeSpan.FromSeconds(5));
        var marks = Features.ToDictionary(f => f.Id, f => Mark(cluster, f.Id));
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.True(ServedSince(cluster, "pay", marks["pay"]) < 0.05, "pay should fail while payments is down");
        foreach (string feature in new[] { "browse", "sign-in", "order" })
        {
            Assert.True(ServedSince(cluster, feature, marks[feature]) > 0.97, $"{feature} served {ServedSince(cluster, feature, marks[feature]):P1}");
        }
        Assert.True(cluster.Invariants.TotalViolations == 0, cluster.Invariants.Views()[0].LastViolation);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void SlowCatalog_OnlyItsFeaturesDegrade(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.SlowService, InstanceId(Service.Catalog, 1), 800);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        var signIn = Mark(cluster, "sign-in");
        var pay = Mark(cluster, "pay");
        var browse = Mark(cluster, "browse");
        cluster.RunFor(TimeSpan.FromSeconds(20));

        Assert.True(ServedSince(cluster, "browse", browse) < 0.1);
        Assert.True(ServedSince(cluster, "sign-in", signIn) > 0.97);
        Assert.True(ServedSince(cluster, "pay", pay) > 0.97);
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void NoTimeouts_DeadLeaf_CascadesToEveryFeature(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.NoTimeouts);
        Inject(cluster, Fault.CrashService, InstanceId(Service.Payments, 1));
        cluster.RunFor(TimeSpan.FromSeconds(15));
        var browse = Mark(cluster, "browse");
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.True(cluster.Gateway.Busy >= cluster.Settings.GatewaySlots - 2, $"{cluster.Gateway.Busy} workers held");
        Assert.True(ServedSince(cluster, "browse", browse) < 0.05, "browse never calls payments, yet finds no worker free");
        Assert.False(cluster.Invariants.AllHold);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void Monolith_OneCrash_TakesEveryFeatureDown(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.Monolith);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.All(Features, f => Assert.Equal("works", Feature(cluster, f.Id).Status));
        Inject(cluster, Fault.CrashService, InstanceId(Service.Payments, 1));
        cluster.RunFor(TimeSpan.FromSeconds(5));

        Assert.False(cluster.Monolith.IsUp);
        Assert.All(Features, f => Assert.Equal("down", Feature(cluster, f.Id).Status));
        Assert.False(cluster.Invariants.AllHold);
    }
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ApiGateway;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;
using static PatternDashboard.Simulation.Tests.Patterns.ApiGateway.ApiGatewayTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.ApiGateway;

/// <summary>What the gateway does for its clients, over many seeds: limits only the flooder, keeps bad tokens out, fans out the summary, and is a single point of failure.</summary>
public sealed class GatewayBehaviourTests
{
    public static IEnumerable<object[]> ManySeeds => Seeds(30);

    public static IEnumerable<object[]> FewSeeds => Seeds(5);

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void Flood_OnlyTheFloodingClientIsLimited_AndItStaysWithinTheBucketBound(long seed)
    {
        var cluster = Create(seed);
        var passes = RecordPasses(cluster);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.Flood, ClientId(1), 80);
        cluster.RunFor(TimeSpan.FromSeconds(30));

        var flooder = cluster.Book(ClientId(1));
        Assert.True(flooder.Limited > 1_000, $"Seed {seed}: the flooder was limited only {flooder.Limited} times.");
        var settings = cluster.Settings;
        Assert.True(WorstExcess(passes[ClientId(1)], settings.BucketCapacity, settings.RefillPerSecond) <= 1e-6,
            $"Seed {seed}: the flooder got over capacity + rate x t.");
        // The bucket's bound is also what it gets: about b + r*t over the flood.
        Assert.InRange(flooder.Allowed, settings.BucketCapacity + settings.RefillPerSecond * 30 - 5, settings.BucketCapacity + settings.RefillPerSecond * 35 + 5);
        foreach (var other in cluster.Clients.Skip(1))
        {
            var book = cluster.Book(other.Id);
            Assert.True(book.Limited == 0, $"Seed {seed}: {other.Id} was limited {book.Limited} times by another client's flood.");
            Assert.True(book.Ok + book.Partial >= 0.95 * (book.Sent - book.Limited - 5), $"Seed {seed}: {other.Id} got {book.Ok} answers of {book.Sent} requests.");
        }
        Assert.True(cluster.Invariants.AllHold && cluster.Invariants.TotalViolations == 0, $"Seed {seed}: {Red(cluster)}");
    }

    [Theory]
    [MemberData(nameof(FewSeeds))]
    public void Flood_ThroughTwoGatewaysAndACrash_StaysWithinOneBucket_SinceTheyShareTheStore(long seed)
    {
        var cluster = Create(seed);
        var passes = RecordPasses(cluster);
        Inject(cluster, Fault.SecondGateway);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.Flood, ClientId(1), 120);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        var crash = Inject(cluster, Fault.CrashGateway)!;
        cluster.RunFor(TimeSpan.FromSeconds(5));
        cluster.ClearFault(crash.Id);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        var settings = cluster.Settings;
        Assert.True(cluster.Gateways.All(g => g.Forwarded > 0), $"Seed {seed}: a gateway passed nothing on.");
        Assert.True(WorstExcess(passes[ClientId(1)], settings.BucketCapacity, settings.RefillPerSecond) <= 1e-6,
            $"Seed {seed}: two gateways, or a restarted one, let the flooder past one bucket's bound.");
        Assert.True(cluster.Invariants.TotalViolations == 0, $"Seed {seed}: {Red(cluster)}");
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void ExpiredToken_IsRefusedAtTheGateway_AndNeverReachesAService(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.BadToken, ClientId(2));
        cluster.RunFor(TimeSpan.FromMilliseconds(100)); // requests already on their way carry the good token
        long passedBefore = cluster.Book(ClientId(2)).Passed;
        cluster.RunFor(TimeSpan.FromSeconds(20));

        var book = cluster.Book(ClientId(2));
        Assert.True(book.Refused > 10, $"Seed {seed}: only {book.Refused} refusals.");
        Assert.Equal(passedBefore, book.Passed);
        Assert.Equal(0, cluster.UnauthenticatedArrivals);
        Assert.True(cluster.Invariants.TotalViolations == 0, $"Seed {seed}: {Red(cluster)}");
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void FixedWindow_BurstAroundAnEdge_PassesFarMoreThanTheBucketCould(long seed)
    {
        var cluster = Create(seed);
        var passes = RecordPasses(cluster);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.FixedWindow);
        passes.Clear();
        Inject(cluster, Fault.EdgeBurst, ClientId(1));
        cluster.RunFor(TimeSpan.FromSeconds(6));

        var settings = cluster.Settings;
        int most = MostWithin(passes[ClientId(1)], TimeSpan.FromMilliseconds(200));
        double bucketBound = settings.BucketCapacity + settings.RefillPerSecond * 0.2;
        // A client that spent little of the window before the edge gets nearly twice the limit through in 0.2 s.
        Assert.True(most > bucketBound + 2, $"Seed {seed}: {most} in 0.2 s; a bucket allows {bucketBound}.");
        Assert.True(most <= 2 * settings.WindowLimit, $"Seed {seed}: {most} in 0.2 s, more than twice the window's limit.");
        Assert.True(cluster.Invariants.TotalViolations == 0, $"Seed {seed}: {Red(cluster)}");
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void TokenBucket_BurstAroundAnEdge_PassesAtMostCapacityPlusRateTimesT(long seed)
    {
        var cluster = Create(seed);
        var passes = RecordPasses(cluster);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.EdgeBurst, ClientId(1));
        cluster.RunFor(TimeSpan.FromSeconds(6));

        var settings = cluster.Settings;
        Assert.True(MostWithin(passes[ClientId(1)], TimeSpan.FromMilliseconds(200)) <= settings.BucketCapacity + settings.RefillPerSecond * 0.2);
        Assert.True(WorstExcess(passes[ClientId(1)], settings.BucketCapacity, settings.RefillPerSecond) <= 1e-6);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void Summary_CostsTheSlowestPart_NotTheSumOfThem(long seed)
    {
        var cluster = Create(seed);
        Inject(cluster, Fault.SlowInstance, InstanceId(Service.Orders, 1), 120);
        cluster.RunFor(TimeSpan.FromSeconds(60));

        var log = cluster.Composites;
        Assert.True(log.Count > 20, $"Seed {seed}: only {log.Count} summaries.");
        // The total is the slowest part plus two network hops, well below what calling them in turn would cost.
        Assert.True(log.MeanMs < log.MeanSlowestPartMs + 4 * cluster.Settings.NetworkDelay.TotalMilliseconds + 1,
            $"Seed {seed}: mean {log.MeanMs:0.0} ms, slowest part {log.MeanSlowestPartMs:0.0} ms.");
        Assert.True(log.MeanMs < 0.8 * log.MeanSumOfPartsMs, $"Seed {seed}: mean {log.MeanMs:0.0} ms, sum of parts {log.MeanSumOfPartsMs:0.0} ms.");
    }

    [Theory]
    [MemberData(nameof(FewSeeds))]
    public void Summary_WithoutTheOptionalCatalog_IsPartial_WithoutARequiredServiceFails(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        var down = Inject(cluster, Fault.ServiceDown, InstanceId(Service.Catalog, 1))!;
        var before = (cluster.Composites.Full, cluster.Composites.Partial);
        cluster.RunFor(TimeSpan.FromSeconds(30));
        Assert.True(cluster.Composites.Partial - before.Partial > 5, $"Seed {seed}: {cluster.Composites.Partial} partial summaries.");
        Assert.True(cluster.Composites.Full - before.Full <= 1, $"Seed {seed}: full summaries without the catalog.");
        Assert.True(cluster.Composites.Last!.LatencyMs <= cluster.Settings.BackendTimeout.TotalMilliseconds + 1, "A summary waited longer than its timeout.");

        cluster.ClearFault(down.Id);
        Inject(cluster, Fault.ServiceDown, InstanceId(Service.Users, 1));
        long failed = cluster.Composites.Failed;
        cluster.RunFor(TimeSpan.FromSeconds(30));
        Assert.True(cluster.Composites.Failed - failed > 5, $"Seed {seed}: summaries did not fail without users.");
        Assert.Equal(HttpStatus.BadGateway, cluster.Composites.Last!.Status);
    }

    [Theory]
    [MemberData(nameof(FewSeeds))]
    public void GatewayCrash_StopsEveryClient_ASecondInstanceKeepsThemGoing(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.CrashGateway);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        var answered = cluster.Clients.Select(c => cluster.Book(c.Id).Ok + cluster.Book(c.Id).Partial).ToList();
        cluster.RunFor(TimeSpan.FromSeconds(20));
        Assert.Equal(answered, cluster.Clients.Select(c => cluster.Book(c.Id).Ok + cluster.Book(c.Id).Partial));

        Inject(cluster, Fault.SecondGateway);
        cluster.RunFor(TimeSpan.FromSeconds(20));
        for (int i = 0; i < cluster.Clients.Count; i++)
        {
            var book = cluster.Book(cluster.Clients[i].Id);
            Assert.True(book.Ok + book.Partial > answered[i] + 10, $"Seed {seed}: {cluster.Clients[i].Id} got no answers from the second gateway.");
        }
        Assert.True(cluster.Invariants.TotalViolations == 0, $"Seed {seed}: {Red(cluster)}");
    }

    [Theory]
    [MemberData(nameof(FewSeeds))]
    public void DirectCalls_TheFloodAndTheExpiredTokenReachTheServices(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        Inject(cluster, Fault.DirectCalls);
        Inject(cluster, Fault.Flood, ClientId(1), 80);
        Inject(cluster, Fault.BadToken, ClientId(2));
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.True(cluster.Book(ClientId(1)).Passed > 500, $"Seed {seed}: the flood did not reach the services.");
        Assert.True(cluster.UnauthenticatedArrivals > 5);
        var red = cluster.Invariants.Views().Where(v => !v.Holds).Select(v => v.Id).ToList();
        Assert.Contains(OnlyValidTokensReachServicesMonitor.MonitorId, red);
        Assert.Contains(WithinRateLimitMonitor.MonitorId, red);
    }

    [Theory]
    [InlineData(Option.WindowSeconds, 0.5, Option.RefillPerSecond, 1.0, "allows no request")]
    [InlineData(Option.ClientTimeoutMs, 400.0, Option.BackendTimeoutMs, 250.0, "client timeout")]
    [InlineData(Option.BackendTimeoutMs, 30.0, Option.ServiceLatencyMs, 50.0, "backend timeout")]
    public void Options_ThatCannotWorkTogether_AreRefusedWithAReason(string first, double firstValue, string second, double secondValue, string says)
    {
        var error = Assert.Throws<SimulationInputException>(() => Create(1, new() { [first] = firstValue, [second] = secondValue }));
        Assert.Contains(says, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}

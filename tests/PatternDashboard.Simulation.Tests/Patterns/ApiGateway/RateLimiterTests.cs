using System.Threading.RateLimiting;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.RateLimiting;
using static PatternDashboard.Simulation.Tests.Patterns.ApiGateway.ApiGatewayTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.ApiGateway;

/// <summary>The two limiters on a hand-moved clock: a token bucket admits at most b + r*t in any t, a fixed window its limit per window but twice it around an edge.</summary>
public sealed class RateLimiterTests
{
    public static IEnumerable<object[]> ManySeeds => Seeds(50);

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void TokenBucket_RandomArrivals_NeverAdmitMoreThanCapacityPlusRateTimesT(long seed)
    {
        var random = new SeededRandom(seed);
        var clock = new ManualClock();
        double capacity = 1 + random.Next(20), rate = 0.5 + random.NextDouble() * 20;
        var bucket = new ClockedTokenBucket(clock, capacity, rate);
        var admitted = new List<TimeSpan>();
        // Bursts and lulls: arrivals far faster than the rate, with pauses that let the bucket fill again.
        for (int i = 0; i < 600; i++)
        {
            clock.Now += random.Chance(0.05) ? TimeSpan.FromSeconds(random.NextDouble() * 3) : random.NextExponential(TimeSpan.FromSeconds(0.2 / rate));
            if (bucket.AttemptAcquire().IsAcquired)
            {
                admitted.Add(clock.Now);
            }
        }

        Assert.True(WorstExcess(admitted, capacity, rate) <= 1e-9, $"Seed {seed}: b={capacity}, r={rate:0.###}: over the bound by {WorstExcess(admitted, capacity, rate)}.");
    }

    [Theory]
    [InlineData(10, 5)]
    [InlineData(1, 2)]
    [InlineData(30, 0.5)]
    public void TokenBucket_SaturatingDemand_AdmitsTheBoundItself(double capacity, double rate)
    {
        var clock = new ManualClock();
        var bucket = new ClockedTokenBucket(clock, capacity, rate);
        int admitted = 0;
        var span = TimeSpan.FromSeconds(20);
        while (clock.Now <= span)
        {
            admitted += bucket.AttemptAcquire().IsAcquired ? 1 : 0;
            clock.Now += TimeSpan.FromMilliseconds(1);
        }

        // b + r*t is not only a ceiling: a client that always asks gets all of it (less the token still refilling).
        Assert.InRange(admitted, capacity + rate * span.TotalSeconds - 1, capacity + rate * span.TotalSeconds);
    }

    [Fact]
    public void TokenBucket_Refused_SaysWhenToRetry_AndReadingTheLevelChangesNothing()
    {
        var clock = new ManualClock();
        var bucket = new ClockedTokenBucket(clock, 2, 4);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        var refused = bucket.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var after));
        Assert.Equal(TimeSpan.FromMilliseconds(250), after);
        clock.Now = TimeSpan.FromMilliseconds(125);
        Assert.Equal(0.5, bucket.Tokens, 9);
        Assert.Equal(0.5, bucket.Tokens, 9);
        clock.Now = TimeSpan.FromMilliseconds(250);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void FixedWindow_RandomArrivals_KeepTheLimitInEveryWindow(long seed)
    {
        var random = new SeededRandom(seed);
        var clock = new ManualClock();
        int limit = 1 + random.Next(20);
        var window = TimeSpan.FromSeconds(0.5 + random.NextDouble() * 4);
        var limiter = new ClockedFixedWindow(clock, limit, window);
        var perWindow = new Dictionary<long, int>();
        for (int i = 0; i < 600; i++)
        {
            clock.Now += random.NextExponential(window / (3.0 * limit));
            if (limiter.AttemptAcquire().IsAcquired)
            {
                long number = clock.Now.Ticks / window.Ticks;
                perWindow[number] = perWindow.GetValueOrDefault(number) + 1;
            }
        }

        Assert.All(perWindow, w => Assert.True(w.Value <= limit, $"Seed {seed}: window {w.Key} admitted {w.Value} of {limit}."));
    }

    [Theory]
    [InlineData(10, 2.0)]
    [InlineData(4, 1.0)]
    public void FixedWindow_BurstAroundAnEdge_AdmitsTwiceTheLimitInAMoment_WhereABucketAdmitsItsCapacity(int limit, double windowSeconds)
    {
        var window = TimeSpan.FromSeconds(windowSeconds);
        var edge = window * 3;
        var span = TimeSpan.FromMilliseconds(100);
        var fixedClock = new ManualClock();
        var bucketClock = new ManualClock();
        var fixedWindow = new ClockedFixedWindow(fixedClock, limit, window);
        var bucket = new ClockedTokenBucket(bucketClock, limit, limit / windowSeconds);
        var fixedAdmitted = new List<TimeSpan>();
        var bucketAdmitted = new List<TimeSpan>();
        for (int i = 0; i < 4 * limit; i++)
        {
            var at = edge - span / 2 + span * (i / (4.0 * limit));
            (fixedClock.Now, bucketClock.Now) = (at, at);
            if (fixedWindow.AttemptAcquire().IsAcquired)
            {
                fixedAdmitted.Add(at);
            }
            if (bucket.AttemptAcquire().IsAcquired)
            {
                bucketAdmitted.Add(at);
            }
        }

        Assert.Equal(2 * limit, fixedAdmitted.Count);
        Assert.True(bucketAdmitted.Count <= limit + limit / windowSeconds * span.TotalSeconds + 1e-9,
            $"The bucket admitted {bucketAdmitted.Count} in {span.TotalMilliseconds} ms.");
    }
}

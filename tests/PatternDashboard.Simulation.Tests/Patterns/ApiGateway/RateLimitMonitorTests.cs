using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ApiGateway;
using static PatternDashboard.Simulation.Tests.Patterns.ApiGateway.ApiGatewayTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.ApiGateway;

/// <summary>The rate-limit monitor's arithmetic against brute force: it flags a client exactly when some interval holds more than b + r*t.</summary>
public sealed class RateLimitMonitorTests
{
    public static IEnumerable<object[]> ManySeeds => Seeds(100);

    private static ApiGatewaySettings Settings(int capacity, double rate) =>
        ApiGatewaySettings.From(PatternOptions.Resolve(ApiGatewayPattern.Options, new Dictionary<string, double>
        {
            [ApiGatewayPattern.Option.BucketCapacity] = capacity,
            [ApiGatewayPattern.Option.RefillPerSecond] = rate,
        }));

    [Fact]
    public void TokenBucketBound_TheSeedsCoverBothSides()
    {
        var flagged = Enumerable.Range(1, 100).Count(seed => Run(seed).OverLimit > 0);

        Assert.InRange(flagged, 10, 90);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void TokenBucketBound_FlaggedExactlyWhenSomeIntervalExceedsIt(long seed) => Run(seed, check: true);

    private static ClientBook Run(long seed, bool check = false)
    {
        var random = new SeededRandom(seed);
        var settings = Settings(1 + random.Next(15), 1 + random.Next(10));
        var book = new ClientBook(settings);
        var times = new List<TimeSpan>();
        var now = TimeSpan.Zero;
        // Arrivals around the bucket's own rate, so some seeds stay within the bound and others break it.
        double speed = 0.6 + random.NextDouble() * 0.8;
        for (int i = 0; i < 200; i++)
        {
            now += random.NextExponential(TimeSpan.FromSeconds(speed / settings.RefillPerSecond));
            times.Add(now);
            book.NotePass(now, LimiterKind.TokenBucket, 0);
            if (check)
            {
                bool over = WorstExcess(times, settings.BucketCapacity, settings.RefillPerSecond) > 1e-6;
                Assert.True(over == (book.OverLimit > 0), $"Seed {seed}, pass {i}: brute force says over {over}, the monitor counted {book.OverLimit}.");
            }
        }
        return book;
    }

    [Fact]
    public void FixedWindowBound_CountsPerWindow_AndANewLimiterStartsAFreshAccount()
    {
        var settings = Settings(10, 5); // a window of 2 s holds 10
        var book = new ClientBook(settings);
        for (int i = 0; i < 10; i++)
        {
            book.NotePass(TimeSpan.FromSeconds(1.9 + i * 0.001), LimiterKind.FixedWindow, 0);
        }
        for (int i = 0; i < 10; i++)
        {
            book.NotePass(TimeSpan.FromSeconds(2.0 + i * 0.001), LimiterKind.FixedWindow, 1);
        }
        // Twenty in 0.11 s, yet ten in each window: within the fixed window's bound, far over a bucket's.
        Assert.Equal(0, book.OverLimit);
        Assert.Equal(20, book.PeakInSpan);

        book.NotePass(TimeSpan.FromSeconds(2.5), LimiterKind.FixedWindow, 1);
        Assert.Equal(1, book.OverLimit);

        book.ResetLimit();
        book.NotePass(TimeSpan.FromSeconds(2.6), LimiterKind.TokenBucket, 1);
        Assert.Equal(1, book.PeakInSpan);
        Assert.Equal(1, book.OverLimit);
    }
}

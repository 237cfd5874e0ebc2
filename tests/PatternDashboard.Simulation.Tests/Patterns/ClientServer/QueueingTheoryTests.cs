using PatternDashboard.Simulation.Patterns.Shared.Queueing;
using Xunit.Abstractions;
using static PatternDashboard.Simulation.Tests.Patterns.ClientServer.ClientServerTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.ClientServer;

/// <summary>
/// The simulated server against queueing theory, over long runs and many seeds: M/M/1's mean time in system
/// 1 / (mu - lambda), M/D/1's Pollaczek-Khinchine mean, Erlang C for several workers, and Little's law L = lambda W.
/// Near full load successive waits are strongly correlated, so the runs are long and the seeds many.
/// </summary>
public sealed class QueueingTheoryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(200);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(4000);

    [Theory]
    [InlineData(5.0, 10, 0.03, 0.10)] // 50 % load: theory 200 ms, twice the service time
    [InlineData(8.0, 20, 0.04, 0.20)] // 80 % load: theory 500 ms, five times the service time; waits correlate, so more seeds
    public void MM1_MeanLatency_WithinAFewPercentOfTheory(double lambda, int seeds, double pooledTolerance, double perSeedTolerance)
    {
        const double mu = 10;
        double theoryMs = 1000 / (mu - lambda);
        var means = new List<double>();
        for (long seed = 1; seed <= seeds; seed++)
        {
            var details = Measure(Create(seed, Textbook(lambda)), WarmUp, Measured);
            double mean = details.Latency.MeanMs;
            means.Add(mean);
            Assert.True(Math.Abs(mean / theoryMs - 1) < perSeedTolerance,
                $"Seed {seed} at lambda {lambda}: mean {mean:0.0} ms, theory {theoryMs:0.0} ms (over {details.Latency.Count} requests).");
            Assert.Equal(theoryMs, details.Theory.MeanMs!.Value, 1);
        }
        double pooled = means.Average();
        output.WriteLine($"lambda {lambda}: measured {pooled:0.0} ms over {seeds} seeds, theory {theoryMs:0.0} ms ({pooled / theoryMs - 1:P2}).");
        Assert.True(Math.Abs(pooled / theoryMs - 1) < pooledTolerance,
            $"lambda {lambda}: mean over {seeds} seeds {pooled:0.0} ms, theory {theoryMs:0.0} ms; seeds: {string.Join(", ", means.Select(m => m.ToString("0")))}.");
    }

    [Fact]
    public void MM1_P99_FollowsTheExponentialTimeInSystem()
    {
        // At 80 % load the time in system is exponential with rate mu - lambda = 2/s: p99 = ln(100) / 2 s = 2303 ms.
        var p99s = Enumerable.Range(1, 5).Select(seed => Measure(Create(seed, Textbook(8)), WarmUp, Measured).Latency.P99Ms).ToList();

        double pooled = p99s.Average();
        Assert.True(Math.Abs(pooled / 2302.6 - 1) < 0.06, $"p99 over 5 seeds {pooled:0} ms, theory 2303 ms; seeds: {string.Join(", ", p99s.Select(p => p.ToString("0")))}.");
    }

    [Theory]
    [InlineData(8.0, 1, true)]   // M/D/1 at 80 %: 100 ms + 200 ms of waiting = 300 ms
    [InlineData(16.0, 2, false)] // M/M/2 at 80 %: Erlang C
    public void OtherModels_MeanLatency_WithinAFewPercentOfTheory(double lambda, int workers, bool fixedTimes)
    {
        var shape = fixedTimes ? ServiceTimeShape.Fixed : ServiceTimeShape.Exponential;
        double theoryMs = 1000 * QueueTheory.MeanSojournSeconds(lambda, 10, workers, shape)!.Value;
        var means = Enumerable.Range(1, 6)
            .Select(seed => Measure(Create(seed, Textbook(lambda, workers: workers, fixedTimes: fixedTimes)), WarmUp, TimeSpan.FromSeconds(3000)).Latency.MeanMs)
            .ToList();

        double pooled = means.Average();
        output.WriteLine($"{QueueTheory.ModelName(workers, shape)}: measured {pooled:0.0} ms, theory {theoryMs:0.0} ms.");
        Assert.True(Math.Abs(pooled / theoryMs - 1) < 0.05,
            $"{QueueTheory.ModelName(workers, shape)}: {pooled:0.0} ms over 6 seeds, theory {theoryMs:0.0} ms; seeds: {string.Join(", ", means.Select(m => m.ToString("0")))}.");
    }

    [Theory]
    [InlineData(5.0, 1)]
    [InlineData(8.0, 1)]
    [InlineData(15.0, 2)]
    public void LittlesLaw_MeanHeldEqualsArrivalRateTimesMeanTime(double lambda, int workers)
    {
        for (long seed = 1; seed <= 5; seed++)
        {
            var law = Measure(Create(seed, Textbook(lambda, workers: workers)), WarmUp, TimeSpan.FromSeconds(2000)).LittlesLaw;

            Assert.True(Math.Abs(law.MeanHeld / law.LambdaW - 1) < 0.02,
                $"Seed {seed}, lambda {lambda}: L = {law.MeanHeld:0.000} requests, lambda W = {law.ArrivalsPerSecond:0.000}/s x {law.MeanSojournMs:0.0} ms = {law.LambdaW:0.000}.");
            Assert.True(Math.Abs(law.ArrivalsPerSecond / lambda - 1) < 0.05, $"Seed {seed}: measured arrivals {law.ArrivalsPerSecond:0.00}/s, set {lambda}/s.");
        }
    }

    [Theory]
    [InlineData(5.0, 1)]
    [InlineData(10.0, 2)]
    [InlineData(36.0, 4)]
    public void ChanceOfWaiting_MatchesErlangCSummedDirectly(double lambda, int workers)
    {
        // Erlang C from its textbook sum, term by term, at mu = 10 per worker.
        double a = lambda / 10, rho = a / workers, sum = 0, term = 1;
        for (int k = 0; k < workers; k++)
        {
            sum += term;
            term *= a / (k + 1);
        }
        double top = term / (1 - rho);

        Assert.Equal(top / (sum + top), QueueTheory.ChanceOfWaiting(lambda, 10, workers), 9);
    }
}

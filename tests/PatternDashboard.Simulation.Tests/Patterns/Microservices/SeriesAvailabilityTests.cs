using PatternDashboard.Simulation.Patterns.Microservices;
using static PatternDashboard.Simulation.Patterns.Microservices.MicroservicesPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Microservices.MicroservicesTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.Microservices;

/// <summary>Services in series multiply their availability.</summary>
public sealed class SeriesAvailabilityTests
{
    [Fact]
    public void TenServicesAt999_AreAbout990()
    {
        double chain = MicroservicesCluster.InSeries(Enumerable.Repeat(0.999, 10));
        Assert.InRange(chain, 0.9900, 0.9901);
    }

    /// <summary>
    /// With a timeout so tight that a call's latency tail sometimes outlasts it (a retry too), each service fails a
    /// share of calls on its own; the pay feature, which calls users, orders and payments in series, is then as available
    /// as the product of the three, measured.
    /// </summary>
    [Fact]
    public void MeasuredFeatureAvailability_IsTheProductOfItsServices_OverManySeeds()
    {
        double featureSum = 0, productSum = 0;
        const int seeds = 10;
        for (long seed = 1; seed <= seeds; seed++)
        {
            var cluster = Create(seed, new() { [Option.RequestsPerSecond] = 100, [Option.CallTimeoutMs] = 25 });
            cluster.RunFor(TimeSpan.FromSeconds(3));
            var users = cluster.ServiceBook(Service.Users).Total;
            var orders = cluster.ServiceBook(Service.Orders).Total;
            var payments = cluster.ServiceBook(Service.Payments).Total;
            var pay = cluster.Book("pay").Total;
            cluster.RunFor(TimeSpan.FromSeconds(60));
            double Ratio(PatternDashboard.Simulation.Patterns.Shared.ServiceCalls.OutcomeCounts before, PatternDashboard.Simulation.Patterns.Shared.ServiceCalls.OutcomeCounts after) =>
                (double)(after.Success - before.Success) / (after.Requests - before.Requests);
            featureSum += Ratio(pay, cluster.Book("pay").Total);
            productSum += Ratio(users, cluster.ServiceBook(Service.Users).Total) * Ratio(orders, cluster.ServiceBook(Service.Orders).Total)
                * Ratio(payments, cluster.ServiceBook(Service.Payments).Total);
        }
        Assert.True(productSum / seeds < 0.99, $"the services should fail now and then: product {productSum / seeds:P2}");
        Assert.InRange(featureSum / seeds, productSum / seeds - 0.01, productSum / seeds + 0.01);
    }
}

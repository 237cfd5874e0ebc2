using System.Text.Json;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>
/// The pattern pages run in the browser and read their pattern's details from the hub's JSON, so every registered
/// pattern's details must come back from that JSON whole: same type, same values.
/// </summary>
public sealed class DetailsOverTheHubContractTests
{
    public static TheoryData<string> PatternIds => [.. PatternCatalog.CreateRegistry().All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(PatternIds))]
    public void Details_ReadBackFromTheHubsJson_AreTheSame(string patternId)
    {
        var simulation = PatternCatalog.CreateRegistry().Get(patternId).CreateSimulation(11);
        // Far enough that every pattern has leaders, queues, calls and counts to report; then every fault at once,
        // so the parts of the details that only faults fill (dead letters, open breakers, stale caches) are there too.
        simulation.RunUntil(TimeSpan.FromSeconds(20));
        string firstNode = simulation.CreateSnapshot().Nodes[0].Id;
        foreach (var fault in simulation.FaultCatalog.Where(f => !f.IsBreakIt))
        {
            try
            {
                simulation.InjectFault(new FaultRequest(fault.Id, fault.Target == FaultTarget.Node ? firstNode : null, fault.Parameter?.Default));
            }
            catch (SimulationInputException)
            {
                // Refused for this node or in this state: the others still fill the details.
            }
        }
        simulation.RunUntil(TimeSpan.FromSeconds(25));
        var details = simulation.CreateSnapshot().Details;
        Assert.NotNull(details);

        var sent = JsonSerializer.SerializeToElement(details, details.GetType(), HubJson.Options);
        var read = typeof(HubSnapshots).GetMethod(nameof(HubSnapshots.DetailsAs))!.MakeGenericMethod(details.GetType()).Invoke(null, [sent]);

        Assert.NotNull(read);
        Assert.Equal(details.GetType(), read.GetType());
        Assert.Equal(JsonSerializer.Serialize(details, details.GetType(), HubJson.Options), JsonSerializer.Serialize(read, read.GetType(), HubJson.Options));
    }
}

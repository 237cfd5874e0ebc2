using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.Contract;

/// <summary>A simulation nobody can open is dead code or a forgotten registry line: every one must be registered.</summary>
public sealed class RegisteredContractTests
{
    [Fact]
    public void EverySimulationClass_IsCreatedByARegisteredPattern()
    {
        var simulations = typeof(SimulationBase).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SimulationBase)) && !t.IsAbstract)
            .Select(t => t.FullName!)
            .ToHashSet();
        var registered = ContractRuns.Registry.All.Select(p => p.CreateSimulation(1).GetType().FullName!).ToHashSet();

        simulations.ExceptWith(registered);
        Assert.True(simulations.Count == 0, $"Not in PatternCatalog.CreateRegistry(): {string.Join(", ", simulations)}.");
    }

    [Fact]
    public void EveryRegisteredPattern_CreatesItsOwnSimulation()
    {
        foreach (var pattern in ContractRuns.Registry.All)
        {
            var simulation = pattern.CreateSimulation(1);
            Assert.Equal(pattern.Id, simulation.Pattern.Id);
        }
    }
}

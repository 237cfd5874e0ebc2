using System.Text.Json;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.Contract;

/// <summary>
/// Every fault a pattern lists can be given to every target it lists, at its parameter's minimum, default and maximum,
/// and clearing it restores what it changed. Instant actions may refuse when there is nothing to act on; a refusal
/// must say why and change nothing.
/// </summary>
public sealed class FaultsContractTests
{
    public static TheoryData<string, string> Faults()
    {
        var cases = new TheoryData<string, string>();
        foreach (var pattern in ContractRuns.Registry.All)
        {
            foreach (var fault in ContractRuns.Create(pattern.Id, 1).FaultCatalog)
            {
                cases.Add(pattern.Id, fault.Id);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void EveryTargetAndValue_GivenThenCleared_RestoresWhatItChanged(string patternId, string faultId)
    {
        var probe = ContractRuns.Create(patternId, 1);
        var fault = probe.FaultCatalog.Single(f => f.Id == faultId);
        var targets = ContractRuns.TargetsOf(probe, fault);
        Assert.NotEmpty(targets);
        foreach (var target in targets)
        {
            foreach (var value in ContractRuns.ValuesOf(fault))
            {
                string what = $"{patternId} {faultId} on {target ?? "the cluster"} at {value?.ToString() ?? "no value"}";
                var simulation = ContractRuns.Create(patternId, 1);
                simulation.RunFor(TimeSpan.FromSeconds(3));
                Prepare(simulation, fault, target);
                string before = Observable(simulation);
                ActiveFault? active;
                try
                {
                    active = simulation.InjectFault(new FaultRequest(faultId, target, value));
                }
                catch (SimulationInputException refused)
                {
                    Assert.True(fault.IsInstant, $"{what}: refused ({refused.Message}), but only instant actions may find nothing to act on.");
                    Assert.False(string.IsNullOrWhiteSpace(refused.Message), $"{what}: refused without a reason.");
                    Assert.True(Observable(simulation) == before, $"{what}: a refusal changed the simulation.");
                    continue;
                }
                Assert.True(fault.IsInstant == active is null, $"{what}: instant {fault.IsInstant}, but {(active is null ? "nothing" : "a fault")} is active.");
                if (active is null)
                {
                    continue;
                }
                simulation.RunFor(TimeSpan.FromSeconds(1));
                simulation.ClearFault(active.Id);
                Assert.Empty(simulation.Faults.Active);
                Assert.True(Observable(simulation) == before, $"{what}: clearing did not restore what it changed.\n before: {before}\n after:  {Observable(simulation)}");
            }
        }
    }

    /// <summary>Restart needs a crashed node and resume a paused one; the kernel's own prerequisites, the same for every pattern.</summary>
    private static void Prepare(SimulationBase simulation, FaultDefinition fault, string? target)
    {
        string? prerequisite = fault.Id switch
        {
            LifecycleFaults.Restart => LifecycleFaults.Crash,
            LifecycleFaults.Resume => LifecycleFaults.Pause,
            _ => null,
        };
        if (prerequisite is not null && simulation.FaultCatalog.Any(f => f.Id == prerequisite))
        {
            simulation.InjectFault(new FaultRequest(prerequisite, target));
        }
    }

    /// <summary>
    /// What a fault may change and its undo must restore: node lifecycles, links and their conditions, the faults in
    /// force, and the on/off state the pattern shows (true/false node properties and details).
    /// </summary>
    private static string Observable(SimulationBase simulation)
    {
        var snapshot = simulation.CreateSnapshot();
        var ids = simulation.Nodes.Select(n => n.Id).ToList();
        var links = ids.SelectMany(a => ids.Where(b => b != a).Select(b =>
            $"{a}>{b}:{(simulation.Network.IsBlocked(a, b) ? "blocked" : "open")}:{simulation.Network.ConditionsOf(a, b)}"));
        var nodes = snapshot.Nodes.Select(n =>
            $"{n.Id}:{n.Lifecycle}:{string.Join(",", n.Properties.Where(p => p.Value is bool).Select(p => $"{p.Key}={p.Value}"))}");
        var details = JsonSerializer.SerializeToElement(snapshot.Details, Recording.JsonOptions);
        var switches = details.ValueKind == JsonValueKind.Object
            ? details.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False).Select(p => $"{p.Name}={p.Value}")
            : [];
        return string.Join(" | ", [.. nodes, .. links, string.Join(",", switches), $"active={snapshot.ActiveFaults.Count}"]);
    }
}

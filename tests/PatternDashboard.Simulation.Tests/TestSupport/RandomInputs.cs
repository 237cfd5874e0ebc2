using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.TestSupport;

/// <summary>One random user input for seeded property tests: a fault from a weighted list, or clearing an active one.</summary>
public static class RandomInputs
{
    /// <summary>The entry of a choice list that clears a random active fault instead of injecting one.</summary>
    public const string Clear = "clear";

    /// <summary>
    /// Applies one input the way a person might; refusals are part of the game, so it says whether anything happened.
    /// </summary>
    /// <param name="targets">The nodes a node fault may be aimed at.</param>
    /// <param name="skew">Parameter values are drawn as min + u^skew * (max - min): above 1 favours small values.</param>
    /// <param name="keep">Active faults that "clear" leaves in place.</param>
    public static bool TryApply(
        SimulationBase simulation, SeededRandom chaos, IReadOnlyList<string> choices, IReadOnlyList<string> targets,
        double skew, IReadOnlyCollection<string>? keep = null)
    {
        string fault = choices[chaos.Next(choices.Count)];
        try
        {
            if (fault == Clear)
            {
                var active = simulation.Faults.Active.Where(f => keep?.Contains(f.FaultId) != true).ToList();
                if (active.Count == 0)
                {
                    return false;
                }
                simulation.ClearFault(active[chaos.Next(active.Count)].Id);
                return true;
            }
            var definition = simulation.FaultCatalog.Single(f => f.Id == fault);
            string? target = definition.Target == FaultTarget.Node ? targets[chaos.Next(targets.Count)] : null;
            double? value = definition.Parameter is { } p ? Math.Round(p.Min + Math.Pow(chaos.NextDouble(), skew) * (p.Max - p.Min)) : null;
            simulation.InjectFault(new FaultRequest(fault, target, value));
            return true;
        }
        catch (SimulationInputException)
        {
            return false;
        }
    }
}

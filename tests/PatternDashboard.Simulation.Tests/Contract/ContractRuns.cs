using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;

namespace PatternDashboard.Simulation.Tests.Contract;

/// <summary>
/// What the contract tests share: the registered patterns, and seeded random inputs drawn only from what a pattern
/// itself offers (its fault catalog, the targets its snapshot lists, values in each parameter's range).
/// </summary>
public static class ContractRuns
{
    public static PatternRegistry Registry { get; } = PatternCatalog.CreateRegistry();

    /// <summary>PATTERN_CONTRACT_LONG=1 runs the long form (a release or a night run) instead of the one for every build.</summary>
    public static bool IsLong => Environment.GetEnvironmentVariable("PATTERN_CONTRACT_LONG") == "1";

    public static IEnumerable<object[]> PatternIds => Registry.All.Select(p => new object[] { p.Id });

    public static SimulationBase Create(string patternId, long seed) => Registry.Get(patternId).CreateSimulation(seed);

    /// <summary>
    /// Runs for <paramref name="duration"/> while inputs drawn from <paramref name="seed"/> (a stream of their own, so they
    /// never shift the simulation's numbers) inject faults and clear active ones every 0.1 to 3 simulated seconds.
    /// Break-it switches are left out unless <paramref name="withBreakIts"/>. Refusals are part of the game.
    /// </summary>
    /// <returns>How many inputs the simulation accepted.</returns>
    public static int RunWithRandomInputs(SimulationBase simulation, long seed, TimeSpan duration, bool withBreakIts = false)
    {
        var chaos = new SeededRandom(seed).Derive("contract-inputs");
        var catalog = simulation.FaultCatalog.Where(f => withBreakIts || !f.IsBreakIt).ToList();
        var end = simulation.Clock.Now + duration;
        int accepted = 0;
        while (simulation.Clock.Now < end)
        {
            var next = simulation.Clock.Now + chaos.NextTime(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3));
            simulation.RunUntil(next < end ? next : end);
            if (simulation.Clock.Now >= end)
            {
                break;
            }
            accepted += TryRandomInput(simulation, chaos, catalog) ? 1 : 0;
        }
        return accepted;
    }

    /// <summary>Clears every active fault, oldest first (clearing one may end others, such as a restart ending a crash).</summary>
    public static void ClearAll(SimulationBase simulation)
    {
        while (simulation.Faults.Active.Count > 0)
        {
            simulation.ClearFault(simulation.Faults.Active[0].Id);
        }
    }

    /// <summary>The first invariant with violations, as "id: last violation", or null when all are clean.</summary>
    /// <param name="underAnyInputs">Only the invariants that claim to hold whatever the inputs.</param>
    public static string? FirstViolation(SimulationBase simulation, bool underAnyInputs = false)
    {
        var judged = simulation.Invariants.Monitors.Where(m => !underAnyInputs || m.HoldsUnderAnyInputs).Select(m => m.Id).ToHashSet();
        return simulation.Invariants.Views().FirstOrDefault(v => v.Violations > 0 && judged.Contains(v.Id)) is { } red
            ? $"{red.Id} ({red.Violations}x): {red.LastViolation}"
            : null;
    }

    /// <summary>The values a fault is tried with: its parameter's minimum, default and maximum, or none.</summary>
    public static IReadOnlyList<double?> ValuesOf(FaultDefinition fault) =>
        fault.Parameter is { } p ? [p.Min, p.Default, p.Max] : [null];

    /// <summary>The targets a fault is tried on, as the snapshot lists them; null for a cluster-wide fault.</summary>
    public static IReadOnlyList<string?> TargetsOf(SimulationBase simulation, FaultDefinition fault) =>
        fault.Target == FaultTarget.Node ? [.. simulation.CreateSnapshot().FaultTargets![fault.Id]] : [null];

    private static bool TryRandomInput(SimulationBase simulation, SeededRandom chaos, IReadOnlyList<FaultDefinition> catalog)
    {
        try
        {
            // One input in three clears a fault, so the run spends time both broken and recovering.
            if (simulation.Faults.Count > 0 && chaos.Chance(1.0 / 3))
            {
                simulation.ClearFault(simulation.Faults.Active[chaos.Next(simulation.Faults.Count)].Id);
                return true;
            }
            var fault = catalog[chaos.Next(catalog.Count)];
            var targets = TargetsOf(simulation, fault);
            if (targets.Count == 0)
            {
                return false;
            }
            string? target = targets[chaos.Next(targets.Count)];
            // Huge ranges (a day, int.MaxValue calls) are drawn from their first ten thousand units, where things happen.
            double? value = fault.Parameter is { } p
                ? Math.Round(p.Min + chaos.NextDouble() * (Math.Min(p.Max, p.Min + 10_000) - p.Min), p.Max - p.Min <= 10 ? 2 : 0)
                : null;
            simulation.InjectFault(new FaultRequest(fault.Id, target, value));
            return true;
        }
        catch (SimulationInputException)
        {
            return false;
        }
    }
}

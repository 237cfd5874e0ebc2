using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Contract;

/// <summary>Every break-it switch, turned on and followed by its demonstration, turns an invariant red within a minute.</summary>
public sealed class BreakItContractTests
{
    // The switch goes on in a running system, as a person on the page would turn it on.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private const int ControlSeeds = 5;

    public static TheoryData<string, string> Switches()
    {
        var cases = new TheoryData<string, string>();
        foreach (var pattern in ContractRuns.Registry.All)
        {
            foreach (var fault in ContractRuns.Create(pattern.Id, 1).FaultCatalog.Where(f => f.IsBreakIt))
            {
                cases.Add(pattern.Id, fault.Id);
            }
        }
        return cases;
    }

    [Fact]
    public void EveryPattern_HasBreakItSwitchesWithDemonstrations()
    {
        foreach (var pattern in ContractRuns.Registry.All)
        {
            var switches = ContractRuns.Create(pattern.Id, 1).FaultCatalog.Where(f => f.IsBreakIt).ToList();
            Assert.True(switches.Count > 0, $"{pattern.Id} has no break-it switch.");
        }
    }

    [Theory]
    [MemberData(nameof(Switches))]
    public void SwitchPlusDemonstration_TurnsAnInvariantRedWithinAMinute(string patternId, string switchId) =>
        ShallowStack.Run(() => CheckSwitch(patternId, switchId));

    private static void CheckSwitch(string patternId, string switchId)
    {
        var red = new List<long>();
        var clean = new List<long>();
        for (long seed = 1; seed <= 20; seed++)
        {
            (TurnsRed(patternId, switchId, seed, switchOn: true) is null ? clean : red).Add(seed);
            // The same faults without the switch must do no harm: the damage is the switch's (a few seeds suffice).
            if (seed <= ControlSeeds)
            {
                string? control = TurnsRed(patternId, switchId, seed, switchOn: false);
                Assert.True(control is null, $"{patternId} seed {seed}: the demonstration of {switchId} turns red without the switch: {control}");
            }
        }
        Assert.True(red.Count >= 18, $"{patternId} / {switchId}: red on {red.Count} of 20 seeds; clean seeds: {string.Join(", ", clean)}.");
    }

    /// <summary>The first violation within the window after the demonstration (with or without the switch), or null.</summary>
    private static string? TurnsRed(string patternId, string switchId, long seed, bool switchOn)
    {
        var simulation = ContractRuns.Create(patternId, seed);
        var breakIt = simulation.FaultCatalog.Single(f => f.Id == switchId);
        Assert.NotEmpty(breakIt.Demonstration);
        simulation.RunFor(WarmUp);
        Assert.True(ContractRuns.FirstViolation(simulation) is null, $"{patternId} seed {seed}: red before {switchId}: {ContractRuns.FirstViolation(simulation)}");
        var end = simulation.Clock.Now + Window;
        if (switchOn)
        {
            simulation.ShowDamage(breakIt.Id); // what the page's "show me the damage" button does
        }
        else
        {
            for (int i = 0; i < breakIt.Demonstration.Count; i++)
            {
                simulation.RunFor(i == 0 ? TimeSpan.Zero : FaultDefinition.DemonstrationStep);
                simulation.InjectFault(breakIt.Demonstration[i]);
            }
        }
        while (simulation.Clock.Now < end && simulation.Invariants.TotalViolations == 0)
        {
            simulation.RunFor(TimeSpan.FromMilliseconds(500));
        }
        return ContractRuns.FirstViolation(simulation);
    }
}

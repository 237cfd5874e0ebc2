using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Contract;

/// <summary>
/// Every pattern: with no break-it switch on, random faults never turn an invariant red. Some invariants speak of
/// what must have happened once the damage is repaired ("every acknowledged publish is processed", "after recovery,
/// once idle, every event once"): they hold by definition while faults last, so each run ends by clearing every
/// fault and running quietly, and only then is the board read. A violation at any moment of the run still counts.
/// </summary>
public sealed class SafetyContractTests
{
    private const int SeedsPerCase = 10;

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    public static TheoryData<string, int> Cases()
    {
        // 100 seeds x 60 s in every build; PATTERN_CONTRACT_LONG=1: 1,000 seeds x 10 min.
        int seeds = ContractRuns.IsLong ? 1_000 : 100;
        var cases = new TheoryData<string, int>();
        foreach (var pattern in ContractRuns.Registry.All)
        {
            for (int first = 1; first <= seeds; first += SeedsPerCase)
            {
                cases.Add(pattern.Id, first);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RandomFaults_NoBreakIt_EveryInvariantHolds(string patternId, int firstSeed)
    {
        var duration = ContractRuns.IsLong ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(60);
        for (long seed = firstSeed; seed < firstSeed + SeedsPerCase; seed++)
        {
            ShallowStack.Run(() => RunOne(patternId, seed, duration));
        }
    }

    private static void RunOne(string patternId, long seed, TimeSpan duration)
    {
        var simulation = ContractRuns.Create(patternId, seed);
        int accepted = ContractRuns.RunWithRandomInputs(simulation, seed, duration);
        ContractRuns.ClearAll(simulation);
        simulation.RunFor(Quiet);

        Assert.True(accepted > 5, $"{patternId} seed {seed}: only {accepted} faults accepted in {duration.TotalSeconds} s.");
        Assert.True(ContractRuns.FirstViolation(simulation, underAnyInputs: true) is null,
            $"{patternId} seed {seed} (replays exactly): {ContractRuns.FirstViolation(simulation, underAnyInputs: true)}");
        // A pattern reports its own code's exceptions (a Polly callback that threw) as "error" entries.
        var error = simulation.Log.All().FirstOrDefault(e => e.Kind == "error");
        Assert.True(error is null, $"{patternId} seed {seed}: {error?.Text}");
    }
}

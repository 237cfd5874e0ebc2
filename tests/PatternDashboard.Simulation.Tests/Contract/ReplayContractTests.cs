using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Contract;

/// <summary>Every pattern: the same seed and inputs give the same run, and its recording rebuilds the same state.</summary>
public sealed class ReplayContractTests
{
    public static TheoryData<string, long> Cases()
    {
        var cases = new TheoryData<string, long>();
        foreach (var pattern in ContractRuns.Registry.All)
        {
            for (long seed = 1; seed <= 4; seed++)
            {
                cases.Add(pattern.Id, seed);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RandomInputs_SameSeedTwice_IdenticalEventLog(string patternId, long seed)
    {
        var first = ContractRuns.Create(patternId, seed);
        var second = ContractRuns.Create(patternId, seed);
        int accepted = ContractRuns.RunWithRandomInputs(first, seed, TimeSpan.FromSeconds(30), withBreakIts: true);
        ContractRuns.RunWithRandomInputs(second, seed, TimeSpan.FromSeconds(30), withBreakIts: true);

        Assert.True(accepted > 3, $"{patternId} seed {seed}: only {accepted} inputs accepted.");
        Runs.AssertSameRun(seed, first, second);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RandomInputs_ExportThenReplay_SameStateAtSameTime(string patternId, long seed)
    {
        var original = ContractRuns.Create(patternId, seed);
        ContractRuns.RunWithRandomInputs(original, seed, TimeSpan.FromSeconds(30), withBreakIts: true);

        var replayed = ContractRuns.Registry.Replay(original.ToRecording(), original.Clock.Now);

        Runs.AssertSameRun(seed, original, replayed);
    }
}

using PatternDashboard.Simulation.Patterns.Shared.ControlPlane;

namespace PatternDashboard.Simulation.Tests.Patterns.Shared.ControlPlane;

public sealed class AppliedPolicyTests
{
    [Fact]
    public void TryApply_NewerVersion_RunsIt()
    {
        var applied = new AppliedPolicy<string>("bootstrap");

        Assert.True(applied.TryApply(2, "two"));

        Assert.Equal((2L, "two"), (applied.Version, applied.Policy));
    }

    [Fact]
    public void TryApply_OlderOrSameVersionAfterNewer_KeepsTheNewerAndCountsTheStalePush()
    {
        var applied = new AppliedPolicy<string>("bootstrap");
        applied.TryApply(3, "three");

        bool older = applied.TryApply(2, "two");
        bool same = applied.TryApply(3, "three again");

        Assert.False(older);
        Assert.False(same);
        Assert.Equal((3L, "three", 2L), (applied.Version, applied.Policy, applied.StaleIgnored));
    }
}

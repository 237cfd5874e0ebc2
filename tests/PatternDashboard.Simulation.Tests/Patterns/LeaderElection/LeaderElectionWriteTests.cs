using PatternDashboard.Simulation.Patterns.LeaderElection;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;
using static PatternDashboard.Simulation.Tests.Patterns.LeaderElection.LeaderElectionTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.LeaderElection;

public sealed class LeaderElectionWriteTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Writes_StableLeader_AllAccepted(long seed)
    {
        var cluster = Create(seed, writesPerSecond: 10);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        cluster.RunFor(TimeSpan.FromSeconds(2));
        long accepted = cluster.Client.Accepted, rejected = cluster.Client.Rejected;

        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.InRange(cluster.Client.Accepted - accepted, 99, 101);
        Assert.Equal(rejected, cluster.Client.Rejected);
        Assert.Equal(cluster.Leader!.Id, cluster.Client.KnownLeader);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Writes_DuringElection_SomeRejectedThenAcceptedAgain(long seed)
    {
        var cluster = Create(seed, writesPerSecond: 20);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        cluster.RunFor(TimeSpan.FromSeconds(1));
        long rejected = cluster.Client.Rejected;

        Inject(cluster, Fault.CrashLeader);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        long accepted = cluster.Client.Accepted;
        cluster.RunFor(TimeSpan.FromSeconds(1));

        Assert.True(cluster.Client.Rejected > rejected, "No write was refused while the cluster had no leader.");
        Assert.True(cluster.Client.Accepted > accepted, "Writes were not accepted again after the election.");
        Assert.Contains(cluster.Log.All(), e => e.Kind == "write" && e.Text.StartsWith("Write refused", StringComparison.Ordinal));
        Assert.Equal(cluster.Client.Accepted + cluster.Client.Rejected + cluster.Client.Pending, cluster.Client.Sent);
    }

    [Fact]
    public void Writes_LeaderStrandedInMinority_RefusedForLackOfQuorum()
    {
        var cluster = Create(seed: 9, writesPerSecond: 20);
        RunUntilLeader(cluster, TimeSpan.FromSeconds(3));
        cluster.RunFor(TimeSpan.FromSeconds(1));

        Inject(cluster, Fault.Split);
        cluster.RunFor(TimeSpan.FromSeconds(3));

        Assert.Contains(cluster.Log.All(), e => e.Kind == "write" && e.Text.Contains("has not heard from a quorum"));
        Assert.NotNull(cluster.Leader);
        Assert.Equal(cluster.Leader!.Id, cluster.Client.KnownLeader);
    }

    [Fact]
    public void Writes_RateZero_ClientSendsNothing()
    {
        var cluster = Create(seed: 1, writesPerSecond: 0);

        cluster.RunFor(TimeSpan.FromSeconds(5));

        Assert.Equal(0, cluster.Client.Sent);
        Assert.DoesNotContain(cluster.Network.InFlight(), m => m.Kind == "write");
    }
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Cqrs;
using static PatternDashboard.Simulation.Patterns.Cqrs.CqrsPattern;

namespace PatternDashboard.Simulation.Tests.Patterns.Cqrs;

public sealed class CqrsClusterTests
{
    private static CqrsCluster Create(long seed, Dictionary<string, double>? options = null) => new(seed, options ?? []);

    private static ActiveFault? Inject(CqrsCluster cluster, string fault, string? target = null, double? value = null) =>
        cluster.InjectFault(new FaultRequest(fault, target, value));

    private static string Violations(SimulationBase cluster) =>
        string.Join("; ", cluster.Invariants.Views().Where(v => v.Violations > 0).Select(v => $"{v.Id}: {v.LastViolation}"));

    /// <summary>Every read model equals the projection of the write model (the open orders).</summary>
    private static void AssertConverged(CqrsCluster cluster, long seed)
    {
        var open = cluster.Store.Open.Values.ToList();
        foreach (var replica in cluster.CustomerReplicas)
        {
            Assert.True(replica.Checkpoint == cluster.Store.Store.HeadPosition, $"seed {seed}: {replica.Id} at {replica.Checkpoint}, head {cluster.Store.Store.HeadPosition}");
            var view = (CustomerOrdersView)replica.Projection;
            var expected = CustomerOrdersView.Expected(open);
            Assert.Equal(expected.Keys, view.ByCustomer.Keys);
            foreach (var (customer, orders) in expected)
            {
                Assert.True(orders.SetEquals(view.OrdersOf(customer)), $"seed {seed}: {replica.Id} differs for {customer}");
            }
        }
        Assert.Equal(PickListView.Expected(open), ((PickListView)cluster.PickList.Projection).Units);
    }

    [Fact]
    public void Create_Defaults_WriteSideTwoReplicasPickListAndLoads()
    {
        var cluster = Create(1);

        Assert.Equal([ShopFrontId, CommandsId, WriteStoreId, ReplicaId(1), ReplicaId(2), PickListId, BrowsersId], cluster.Nodes.Select(n => n.Id));
        Assert.Equal(4, cluster.WriteRate);
        Assert.Equal(40, cluster.ReadRate);
    }

    [Fact]
    public void Create_BadOption_ClearErrorAndNoCluster()
    {
        Assert.Throws<SimulationInputException>(() => Create(1, new() { [Option.Replicas] = 9 }));
        Assert.Throws<SimulationInputException>(() => Create(1, new() { [Option.ProjectorRate] = 0 }));
    }

    [Fact]
    public void ManySeeds_RandomFaults_ReadModelsConvergeOnceQuiet()
    {
        for (long seed = 1; seed <= 12; seed++)
        {
            var cluster = Create(seed);
            var chaos = new SeededRandom(seed).Derive("test-inputs");
            string[] choices = [Fault.StopProjector, Fault.SlowProjector, Fault.SlowWriteStore, Fault.Rebuild, LifecycleFaults.Crash, LifecycleFaults.Restart,
                NetworkFaults.Loss, TestSupport.RandomInputs.Clear];
            string[] targets = [WriteStoreId, CommandsId, ReplicaId(1), ReplicaId(2), PickListId];
            for (int i = 0; i < 40; i++)
            {
                cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3)));
                TestSupport.RandomInputs.TryApply(cluster, chaos, choices, targets, skew: 2);
            }
            Contract.ContractRuns.ClearAll(cluster);
            cluster.RunFor(TimeSpan.FromSeconds(20));
            // Quiet: no more writes reach the store once the shop front is stopped.
            cluster.ShopFront.Crash();
            cluster.RunFor(TimeSpan.FromSeconds(10));

            Assert.True(cluster.Invariants.TotalViolations == 0, $"seed {seed}: {Violations(cluster)}");
            Assert.True(cluster.Commands.Committed > 20, $"seed {seed}: only {cluster.Commands.Committed} commits");
            AssertConverged(cluster, seed);
        }
    }

    [Fact]
    public void ManySeeds_StoppedProjector_ReadsGoOnAndAreStale()
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            var cluster = Create(seed);
            cluster.RunFor(TimeSpan.FromSeconds(5));
            var replica = cluster.CustomerReplicas[0];
            Inject(cluster, Fault.StopProjector, replica.Id);
            long served = replica.Served, stale = replica.Stale, checkpoint = replica.Checkpoint;
            cluster.RunFor(TimeSpan.FromSeconds(10));

            Assert.Equal(checkpoint, replica.Checkpoint);
            Assert.True(replica.Served - served > 50, $"seed {seed}: {replica.Served - served} reads served while stopped");
            Assert.True(replica.Stale - stale > 0.8 * (replica.Served - served), $"seed {seed}: {replica.Stale - stale} of {replica.Served - served} stale");
            Assert.True(replica.Backlog > 10, $"seed {seed}: backlog {replica.Backlog}");
            // Done right, customers still see their own orders: they wait for a checkpoint or read the write side.
            Assert.Equal(0, cluster.ShopFront.Violations);
            Assert.True(cluster.ShopFront.AskedAgain + cluster.ShopFront.FellBack > 0, $"seed {seed}: no read waited for its write");
        }
    }

    [Fact]
    public void ManySeeds_Lag_IsBacklogOverThroughput()
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            var cluster = Create(seed, new() { [Option.ProjectorRate] = 20, [Option.WriteRate] = 10 });
            var replica = cluster.CustomerReplicas[0];
            cluster.RunFor(TimeSpan.FromSeconds(3));
            var stop = Inject(cluster, Fault.StopProjector, replica.Id)!;
            cluster.RunFor(TimeSpan.FromSeconds(15));
            cluster.ClearFault(stop.Id);
            long target = cluster.Store.Store.HeadPosition;
            double predicted = replica.SecondsBehind;
            Assert.Equal(replica.Backlog / 20.0, predicted, 6);
            var start = cluster.Clock.Now;
            while (replica.Checkpoint < target)
            {
                cluster.RunFor(TimeSpan.FromMilliseconds(10));
            }
            double measured = (cluster.Clock.Now - start).TotalSeconds;

            Assert.True(replica.Backlog < target, $"seed {seed}");
            Assert.True(predicted > 2, $"seed {seed}: only {predicted:F2} s behind");
            Assert.True(Math.Abs(measured - predicted) <= 0.15 * predicted, $"seed {seed}: caught up in {measured:F2} s, predicted {predicted:F2} s");
        }
    }

    [Fact]
    public void ManySeeds_Rebuild_EndsEqualWithProgress()
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            var cluster = Create(seed, new() { [Option.ProjectorRate] = 20 });
            cluster.RunFor(TimeSpan.FromSeconds(40));
            var replica = cluster.CustomerReplicas[1];
            Inject(cluster, Fault.Rebuild, replica.Id);
            Assert.Equal(0, replica.Checkpoint);
            // A batch of 64 events at 20 per second takes 3.2 s: progress moves a batch at a time.
            cluster.RunFor(TimeSpan.FromSeconds(4));
            Assert.True(replica.RebuildTarget is not null && replica.RebuildProgress is > 0 and < 1, $"seed {seed}: progress {replica.RebuildProgress}");
            cluster.RunFor(TimeSpan.FromSeconds(20));
            cluster.ShopFront.Crash();
            cluster.RunFor(TimeSpan.FromSeconds(10));

            Assert.Null(replica.RebuildTarget);
            Assert.True(cluster.Invariants.TotalViolations == 0, $"seed {seed}: {Violations(cluster)}");
            AssertConverged(cluster, seed);
        }
    }

    [Fact]
    public void ManySeeds_BreakIt_CountsReadYourWritesViolations()
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            var cluster = Create(seed);
            cluster.RunFor(TimeSpan.FromSeconds(5));
            Inject(cluster, Fault.ReadAfterWrite);
            Inject(cluster, Fault.SlowProjector, ReplicaId(1), 20);
            cluster.RunFor(TimeSpan.FromSeconds(30));

            Assert.True(cluster.ShopFront.Violations > 0, $"seed {seed}: no violation");
            Assert.True(cluster.ShopFront.Duplicates > 0, $"seed {seed}: no order placed twice");
            Assert.Contains(cluster.Invariants.Views(), v => v.Id == ReadYourWritesMonitor.MonitorId && v.Violations > 0);
        }
    }

    [Fact]
    public void ManySeeds_SlowProjectorWithoutBreakIt_NoViolationButReadsWait()
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            var cluster = Create(seed);
            cluster.RunFor(TimeSpan.FromSeconds(5));
            Inject(cluster, Fault.SlowProjector, ReplicaId(1), 20);
            cluster.RunFor(TimeSpan.FromSeconds(30));

            Assert.Equal(0, cluster.ShopFront.Violations);
            Assert.True(cluster.ShopFront.FellBack + cluster.ShopFront.AskedAgain > 0, $"seed {seed}");
        }
    }

    [Fact]
    public void CrashedReplica_ReadsMoveToTheOthers()
    {
        var cluster = Create(3);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, LifecycleFaults.Crash, ReplicaId(1));
        long sent = cluster.Browsers.Sent, answered = cluster.Browsers.Answered;
        cluster.RunFor(TimeSpan.FromSeconds(20));

        double share = (double)(cluster.Browsers.Answered - answered) / (cluster.Browsers.Sent - sent);
        Assert.True(share > 0.9, $"only {share:P0} of reads answered with a replica down");
    }

    [Fact]
    public void ReadAndWriteRates_ScaleIndependently()
    {
        var slow = Create(2, new() { [Option.ReadRate] = 10, [Option.WriteRate] = 2 });
        var fast = Create(2, new() { [Option.ReadRate] = 100, [Option.WriteRate] = 2 });
        slow.RunFor(TimeSpan.FromSeconds(30));
        fast.RunFor(TimeSpan.FromSeconds(30));

        Assert.InRange(fast.ReadsServed / (double)slow.ReadsServed, 7, 13);
        Assert.InRange(fast.Commands.Committed / (double)slow.Commands.Committed, 0.6, 1.6);
    }

    [Fact]
    public void FaultsOutsideTheirTargets_AreRefused()
    {
        var cluster = Create(1);

        Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.StopProjector, WriteStoreId));
        Inject(cluster, Fault.SlowWriteStore, value: 10);
        Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.SlowWriteStore, value: 10));
        Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.SlowProjector, ReplicaId(1), 500));
    }
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.EventSourcing;
using static PatternDashboard.Simulation.Patterns.EventSourcing.EventSourcingPattern;

namespace PatternDashboard.Simulation.Tests.Patterns.EventSourcing;

public sealed class EventSourcingClusterTests
{
    private static EventSourcingCluster Create(long seed, Dictionary<string, double>? options = null) => new(seed, options ?? []);

    private static ActiveFault? Inject(EventSourcingCluster cluster, string fault, string? target = null, double? value = null) =>
        cluster.InjectFault(new FaultRequest(fault, target, value));

    private static string Violations(SimulationBase cluster) =>
        string.Join("; ", cluster.Invariants.Views().Where(v => v.Violations > 0).Select(v => $"{v.Id}: {v.LastViolation}"));

    /// <summary>Every open account: its events replayed from zero give the state the store shows.</summary>
    private static void AssertReplayEqualsState(EventSourcingCluster cluster, long seed)
    {
        foreach (var id in cluster.Store.Store.StreamIds)
        {
            var replayed = Account.Replay(id, cluster.Store.Store.ReadStream(id));
            var current = cluster.Store.CurrentState(id);
            Assert.True(replayed.Balance == current.Balance && replayed.Status == current.Status, $"seed {seed}: {id} replays to {replayed}, shows {current}");
        }
    }

    [Fact]
    public void Create_Defaults_StoreTwoTellersAndAProjector()
    {
        var cluster = Create(1);

        Assert.Equal([StoreId, TellerA, TellerB, ProjectorId], cluster.Nodes.Select(n => n.Id));
        Assert.Equal(10, cluster.SnapshotEvery);
    }

    [Fact]
    public void ManySeeds_RandomFaults_ReplayEqualsStateAndVersionsHaveNoGaps()
    {
        for (long seed = 1; seed <= 12; seed++)
        {
            var cluster = Create(seed);
            var chaos = new SeededRandom(seed).Derive("test-inputs");
            string[] choices = [Fault.TwoWriters, Fault.BadEvent, Fault.Compensate, Fault.CorruptSnapshot, Fault.LoseProjection, Fault.StopProjector,
                LifecycleFaults.Crash, LifecycleFaults.Restart, NetworkFaults.Loss, TestSupport.RandomInputs.Clear];
            string[] targets = [StoreId, TellerA, TellerB, ProjectorId];
            for (int i = 0; i < 40; i++)
            {
                cluster.RunFor(chaos.NextTime(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3)));
                TestSupport.RandomInputs.TryApply(cluster, chaos, choices, targets, skew: 2);
            }
            Contract.ContractRuns.ClearAll(cluster);
            cluster.RunFor(TimeSpan.FromSeconds(20));

            Assert.True(cluster.Invariants.AllHold && cluster.Invariants.TotalViolations == 0, $"seed {seed}: {Violations(cluster)}");
            Assert.True(cluster.Store.Store.Appends > 20, $"seed {seed}: only {cluster.Store.Store.Appends} appends");
            AssertReplayEqualsState(cluster, seed);
            foreach (var id in cluster.Store.Store.StreamIds)
            {
                Assert.Equal(Enumerable.Range(1, (int)cluster.Store.Store.VersionOf(id)).Select(v => (long)v), cluster.Store.Store.ReadStream(id).Select(e => e.Version));
            }
        }
    }

    [Fact]
    public void TwoWriters_ManySeeds_OneConflictsRetriesAndBothDepositsLandOnce()
    {
        for (long seed = 1; seed <= 40; seed++)
        {
            var cluster = Create(seed, new() { [Option.WriteRate] = 0 });
            // With no ordinary work, the tellers open nothing: a forced command needs an open account.
            cluster.Tellers[0].Force("acc-x", new AccountEvent(AccountEventType.Opened, 100, "Test"), null!);
            cluster.RunFor(TimeSpan.FromSeconds(1));
            Assert.Null(cluster.Followed); // not part of the workload, so not followed
            var store = cluster.Store.Store;
            Assert.Equal(1, store.VersionOf("acc-x"));

            foreach (var teller in cluster.Tellers)
            {
                teller.Force("acc-x", new AccountEvent(AccountEventType.Deposited, 10, "same moment"), null!);
            }
            cluster.RunFor(TimeSpan.FromSeconds(3));

            Assert.True(store.Conflicts >= 1, $"seed {seed}: no conflict");
            Assert.Equal(3, store.VersionOf("acc-x"));
            Assert.Equal(120, cluster.Store.CurrentState("acc-x").Balance);
            Assert.True(cluster.Tellers.Sum(t => t.WrittenAfterRetry) >= 1, $"seed {seed}: no write after a retry");
            Assert.True(cluster.Invariants.AllHold, $"seed {seed}: {Violations(cluster)}");
        }
    }

    [Fact]
    public void TwoWritersFault_DefaultLoad_ConflictIsCountedAndRetried()
    {
        int conflicted = 0;
        for (long seed = 1; seed <= 20; seed++)
        {
            var cluster = Create(seed);
            cluster.RunFor(TimeSpan.FromSeconds(5));
            long before = cluster.Store.Store.Conflicts;
            long retriesBefore = cluster.Tellers.Sum(t => t.Retries);
            Inject(cluster, Fault.TwoWriters);
            cluster.RunFor(TimeSpan.FromSeconds(3));
            if (cluster.Store.Store.Conflicts > before)
            {
                conflicted++;
                Assert.True(cluster.Tellers.Sum(t => t.Retries) > retriesBefore, $"seed {seed}: a conflict without a retry");
            }
            Assert.True(cluster.Invariants.AllHold, $"seed {seed}: {Violations(cluster)}");
        }
        // A teller busy with another command when the fault comes starts the deposit later, and may miss the other.
        Assert.True(conflicted >= 18, $"only {conflicted} of 20 seeds conflicted");
    }

    [Fact]
    public void CorruptSnapshot_ManySeeds_RebuildStillGivesTheRightState()
    {
        for (long seed = 1; seed <= 15; seed++)
        {
            var cluster = Create(seed);
            var end = TimeSpan.FromSeconds(120);
            while (cluster.Clock.Now < end && (cluster.Followed is null || cluster.Store.Store.SnapshotOf(cluster.Followed) is null))
            {
                cluster.RunFor(TimeSpan.FromSeconds(1));
            }
            string account = cluster.Followed!;
            var snapshot = cluster.Store.Store.SnapshotOf(account)!;
            Inject(cluster, Fault.CorruptSnapshot);
            Assert.NotEqual(snapshot.State, cluster.Store.Store.SnapshotOf(account)!.State);

            // The next load of that account from the snapshot must see the damage and replay instead.
            var teller = cluster.Tellers[0];
            teller.Force(account, new AccountEvent(AccountEventType.Deposited, 10, "after corruption"), null!);
            cluster.RunFor(TimeSpan.FromSeconds(2));

            Assert.True(cluster.Tellers.Sum(t => t.CorruptSnapshotsDetected) >= 1, $"seed {seed}: the damage went unnoticed");
            Assert.True(cluster.Invariants.AllHold && cluster.Invariants.TotalViolations == 0, $"seed {seed}: {Violations(cluster)}");
            AssertReplayEqualsState(cluster, seed);
        }
    }

    [Fact]
    public void Snapshots_ManySeeds_CapReplayCostAtN()
    {
        foreach (int every in new[] { 5, 10, 25 })
        {
            for (long seed = 1; seed <= 5; seed++)
            {
                var cluster = Create(seed, new() { [Option.SnapshotEvery] = every, [Option.AccountLength] = 150 });
                cluster.RunFor(TimeSpan.FromMinutes(3));
                var store = cluster.Store.Store;
                foreach (var id in store.StreamIds)
                {
                    long version = store.VersionOf(id);
                    long afterSnapshot = version - (store.SnapshotOf(id)?.Version ?? 0);
                    // Without faults no snapshot write is lost, so a rebuild reads fewer than N events after the latest one.
                    Assert.True(afterSnapshot < every, $"seed {seed}, every {every}: {id} at v{version} needs {afterSnapshot} events after its snapshot");
                }
                var details = cluster.DetailsOf();
                var followed = details.Followed!;
                Assert.All(followed.SnapshotVersions, v => Assert.Equal(0, v % every));
                Assert.Equal(followed.StoredSnapshotVersion, followed.SnapshotVersions.Count == 0 ? null : followed.SnapshotVersions[^1]);
                Assert.True(details.Replay.AverageRead <= every, $"seed {seed}: {details.Replay.AverageRead} events per load with snapshots every {every}");
                Assert.True(details.Replay.AverageFromZero > details.Replay.AverageRead, $"seed {seed}: snapshots saved nothing");
            }
        }
    }

    [Fact]
    public void SnapshotsOff_ReplayCostGrowsWithTheStream()
    {
        var cluster = Create(3, new() { [Option.SnapshotEvery] = 0, [Option.AccountLength] = 150 });
        cluster.RunFor(TimeSpan.FromMinutes(3));

        var details = cluster.DetailsOf();
        Assert.Equal(details.Replay.AverageFromZero, details.Replay.AverageRead, 6);
        Assert.True(details.Replay.AverageRead > 20, $"{details.Replay.AverageRead} events per load");
    }

    [Fact]
    public void BadEvent_ThenCompensation_BothStayInTheHistoryAndTheBalanceIsRight()
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            var cluster = Create(seed, new() { [Option.WriteRate] = 0.2 });
            cluster.RunFor(TimeSpan.FromSeconds(20));
            string account = cluster.Followed!;
            Inject(cluster, Fault.BadEvent);
            cluster.RunFor(TimeSpan.FromSeconds(2));
            var bad = Assert.Single(cluster.BadEvents);
            long balanceWithBad = cluster.Store.CurrentState(account).Balance;

            Inject(cluster, Fault.Compensate);
            cluster.RunFor(TimeSpan.FromSeconds(2));

            var events = cluster.Store.Store.ReadStream(account);
            Assert.Equal(bad.Amount, events[(int)bad.Version - 1].Data.Amount); // the bad event is still there, unchanged
            var correction = Assert.Single(events, e => e.Data.Type == AccountEventType.Corrected);
            Assert.Equal(bad.Version, correction.Data.Corrects);
            Assert.Equal(bad.Intended - bad.Amount, correction.Data.Amount);
            Assert.NotNull(cluster.BadEvents.Single().CorrectedBy);
            Assert.True(cluster.Store.CurrentState(account).Balance <= balanceWithBad - (bad.Amount - bad.Intended) + 300, $"seed {seed}");
            Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.Compensate));
            Assert.True(cluster.Invariants.AllHold, $"seed {seed}: {Violations(cluster)}");
        }
    }

    [Fact]
    public void LoseProjection_RebuildsFromZeroToTheSameReadModel()
    {
        for (long seed = 1; seed <= 8; seed++)
        {
            var cluster = Create(seed);
            cluster.RunFor(TimeSpan.FromSeconds(60));
            Inject(cluster, Fault.StopProjector);
            cluster.RunFor(TimeSpan.FromSeconds(1));
            var before = cluster.Summaries.Rows.ToDictionary();
            long checkpoint = cluster.Projector.Checkpoint;

            Inject(cluster, Fault.LoseProjection);
            Assert.Empty(cluster.Summaries.Rows);
            Assert.Equal(0, cluster.Projector.Checkpoint);
            Assert.True(cluster.DetailsOf().Projector.Rebuilding);
            Contract.ContractRuns.ClearAll(cluster); // the projector follows again and rebuilds
            Assert.Equal(1, cluster.Projector.Rebuilds);
            Assert.True(checkpoint > 0, $"seed {seed}: nothing was projected before");

            // Stop the writers to compare like with like.
            foreach (var teller in cluster.Tellers)
            {
                teller.Crash();
            }
            cluster.RunFor(TimeSpan.FromSeconds(5));
            Assert.False(cluster.DetailsOf().Projector.Rebuilding);
            var fresh = new AccountSummaries();
            foreach (var e in cluster.Store.Store.ReadAll(0, int.MaxValue))
            {
                fresh.Apply(e);
            }
            Assert.Equal(fresh.Rows.ToDictionary(), cluster.Summaries.Rows.ToDictionary());
            Assert.True(before.Keys.All(k => cluster.Summaries.Rows.ContainsKey(k) || !cluster.LiveAccounts.Contains(k)), $"seed {seed}");
        }
    }

    [Fact]
    public void CrashedStore_AnswersNothing_TellersTimeOutAndRecoverAfterRestart()
    {
        var cluster = Create(4);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Inject(cluster, LifecycleFaults.Crash, StoreId);
        long appends = cluster.Store.Store.Appends;
        cluster.RunFor(TimeSpan.FromSeconds(5));

        Assert.Equal(appends, cluster.Store.Store.Appends);
        Assert.True(cluster.Tellers.Sum(t => t.Timeouts) > 0);
        Inject(cluster, LifecycleFaults.Restart, StoreId);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.True(cluster.Store.Store.Appends > appends);
        Assert.True(cluster.Invariants.AllHold, Violations(cluster));
    }

    [Fact]
    public void InPlace_ManySeeds_StateChangesWithoutEventsAndReplayNoLongerMatches()
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            var cluster = Create(seed);
            cluster.RunFor(TimeSpan.FromSeconds(10));
            string account = cluster.Followed!;
            long version = cluster.Store.Store.VersionOf(account);
            long appends = cluster.Store.Store.Appends;

            Inject(cluster, Fault.InPlace);
            cluster.RunFor(TimeSpan.FromSeconds(30));

            Assert.Equal(appends, cluster.Store.Store.Appends); // nothing is written to any stream
            Assert.Equal(version, cluster.Store.Store.VersionOf(account));
            Assert.True(cluster.Store.InPlaceUpdates > 10, $"seed {seed}");
            Assert.False(cluster.Invariants.Views().Single(v => v.Id == ReplayEqualsStateMonitor.MonitorId).Holds, $"seed {seed}");
        }
    }

    [Fact]
    public void OneHourAtFiveTimesTheLoad_StoreStaysBoundedByArchivingClosedStreams()
    {
        var cluster = Create(2, new() { [Option.WriteRate] = 5 });
        cluster.RunFor(TimeSpan.FromHours(1));

        var store = cluster.Store.Store;
        Assert.True(store.ArchivedStreams > 20, $"{store.ArchivedStreams} archived");
        Assert.True(store.EventCount <= store.ArchiveAbove + 200, $"{store.EventCount} events held");
        Assert.Equal(0, store.Refused);
        Assert.True(cluster.Invariants.AllHold && cluster.Invariants.TotalViolations == 0, Violations(cluster));
    }

    [Fact]
    public void SlowestNetwork_TimeoutsScaleWithTheDelay_SoWritesAndTheProjectionStillGoOn()
    {
        var cluster = Create(2, new() { [Option.NetworkDelayMs] = 500 });
        cluster.RunFor(TimeSpan.FromSeconds(60));

        Assert.True(cluster.Store.Store.Appends > 20, $"{cluster.Store.Store.Appends} appends");
        // Only a rare long tail of the delay outlasts the timeout.
        long timeouts = cluster.Tellers.Sum(t => t.Timeouts), loads = cluster.Tellers.Sum(t => t.Loads);
        Assert.True(timeouts * 20 < loads, $"{timeouts} timeouts in {loads} loads");
        Assert.True(cluster.Projector.Checkpoint > cluster.Store.Store.HeadPosition - 10, $"projector at {cluster.Projector.Checkpoint} of {cluster.Store.Store.HeadPosition}");
    }

    [Fact]
    public void BadFaultInput_IsRefusedAndChangesNothing()
    {
        var cluster = Create(1, new() { [Option.SnapshotEvery] = 0 });
        cluster.RunFor(TimeSpan.FromSeconds(5));

        var refused = Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.CorruptSnapshot));
        Assert.Contains("Snapshots are off", refused.Message);
        Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.Compensate));
        Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.TwoWriters, TellerA));
        Assert.Throws<SimulationInputException>(() => new EventSourcingCluster(1, new Dictionary<string, double> { [Option.SnapshotEvery] = 3.5 }));
        Assert.Empty(cluster.Faults.Active);
    }
}

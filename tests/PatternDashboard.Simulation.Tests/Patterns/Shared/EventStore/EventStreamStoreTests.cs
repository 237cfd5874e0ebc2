using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Tests.Patterns.Shared.EventStore;

public sealed class EventStreamStoreTests
{
    private static readonly TimeSpan T = TimeSpan.FromSeconds(1);

    [Fact]
    public void Append_ExpectedVersions_WritesInOrderWithGlobalPositions()
    {
        var store = new EventStreamStore<string>();

        Assert.True(store.Append("a", EventStreamStore<string>.NoStream, ["a1", "a2"], "c1", T).Written);
        Assert.True(store.Append("b", EventStreamStore<string>.NoStream, ["b1"], "c2", T).Written);
        var third = store.Append("a", 2, ["a3"], "c3", T);

        Assert.Equal(new AppendResult(AppendOutcome.Written, 2, 3, 4), third);
        Assert.Equal([1L, 2, 3], store.ReadStream("a").Select(e => e.Version));
        Assert.Equal(["a1", "a2", "b1", "a3"], store.ReadAll(0, 10).Select(e => e.Data));
        Assert.Equal([1L, 2, 3, 4], store.ReadAll(0, 10).Select(e => e.Position));
        Assert.Equal(4, store.HeadPosition);
    }

    [Fact]
    public void Append_WrongExpectedVersion_IsAConflictAndWritesNothing()
    {
        var store = new EventStreamStore<string>();
        store.Append("a", EventStreamStore<string>.NoStream, ["a1"], "c1", T);

        var stale = store.Append("a", EventStreamStore<string>.NoStream, ["again"], "c2", T);
        var ahead = store.Append("a", 5, ["x"], "c3", T);

        Assert.Equal(new AppendResult(AppendOutcome.Conflict, 0, 1, 0), stale);
        Assert.Equal(AppendOutcome.Conflict, ahead.Outcome);
        Assert.Equal(2, store.Conflicts);
        Assert.Equal(1, store.VersionOf("a"));
        Assert.True(store.Append("a", EventStreamStore<string>.AnyVersion, ["any"], "c4", T).Written);
    }

    [Fact]
    public void ReadAll_FromACheckpoint_ReturnsOnlyLaterEventsUpToTheBatch()
    {
        var store = new EventStreamStore<int>();
        for (int i = 1; i <= 10; i++)
        {
            store.Append($"s{i % 3}", EventStreamStore<int>.AnyVersion, [i], $"c{i}", T);
        }

        Assert.Equal([5, 6, 7], store.ReadAll(4, 3).Select(e => e.Data));
        Assert.Empty(store.ReadAll(10, 3));
        Assert.Equal([2L, 3, 4], store.ReadStream("s1", 2).Select(e => e.Version));
    }

    [Fact]
    public void Archive_FinishedStreams_OnlyOnceEveryFollowerReadThem()
    {
        var store = new EventStreamStore<int>(capacity: 50, archiveAbove: 10);
        store.ReadAll(0, 100, "projector"); // a follower at position 0
        for (int i = 0; i < 8; i++)
        {
            store.Append("done", EventStreamStore<int>.AnyVersion, [i], $"d{i}", T);
        }
        store.MarkFinished("done");
        for (int i = 0; i < 8; i++)
        {
            store.Append("live", EventStreamStore<int>.AnyVersion, [i], $"l{i}", T);
        }

        Assert.Equal(16, store.EventCount); // held back: the follower has not read "done"
        store.ReadAll(8, 100, "projector");
        store.Append("live", EventStreamStore<int>.AnyVersion, [99], "l99", T);

        Assert.Equal(9, store.EventCount);
        Assert.True(store.IsArchived("done"));
        Assert.Equal(AppendOutcome.Archived, store.Append("done", EventStreamStore<int>.AnyVersion, [1], "late", T).Outcome);
        Assert.Equal(8, store.ArchivedEvents);
        Assert.Equal([9L, 10], store.ReadAll(0, 2, "projector").Select(e => e.Position));
    }

    [Fact]
    public void Append_AtCapacityWithNothingToArchive_IsRefusedNotGrown()
    {
        var store = new EventStreamStore<int>(capacity: 5, archiveAbove: 5);
        for (int i = 0; i < 5; i++)
        {
            store.Append("s", EventStreamStore<int>.AnyVersion, [i], $"c{i}", T);
        }

        var refused = store.Append("s", 5, [5], "c5", T);

        Assert.Equal(AppendOutcome.Full, refused.Outcome);
        Assert.Equal(5, store.EventCount);
        Assert.Equal(1, store.Refused);
    }

    [Fact]
    public void Snapshots_KeepTheLatest_AndCorruptionKeepsTheOldChecksum()
    {
        var store = new EventStreamStore<int>();
        store.Append("s", EventStreamStore<int>.NoStream, [1, 2, 3], "c", T);

        store.SaveSnapshot(new StreamSnapshot("s", 3, 6, 6));
        store.SaveSnapshot(new StreamSnapshot("s", 2, 3, 3)); // older: ignored
        store.SaveSnapshot(new StreamSnapshot("s", 9, 0, 0)); // beyond the stream: ignored
        Assert.Equal(3, store.SnapshotOf("s")!.Version);

        Assert.True(store.Corrupt("s", state => (int)state + 1));
        var damaged = store.SnapshotOf("s")!;
        Assert.Equal(7, damaged.State);
        Assert.Equal(6, damaged.Checksum);
        Assert.False(store.Corrupt("missing", s => s));
    }

    [Fact]
    public void BadConstruction_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventStreamStore<int>(capacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventStreamStore<int>(capacity: 10, archiveAbove: 20));
        Assert.Throws<ArgumentException>(() => new EventStreamStore<int>().Append("s", 0, [], "c", T));
    }
}

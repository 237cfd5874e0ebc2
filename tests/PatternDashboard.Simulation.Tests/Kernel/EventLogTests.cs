using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class EventLogTests
{
    private readonly EventScheduler scheduler = new();

    private EventLog NewLog(int capacity) => new(scheduler.Clock, capacity);

    private static void AppendMany(EventLog log, int count)
    {
        for (int i = 1; i <= count; i++)
        {
            log.Append("n1", "test", $"entry {i}");
        }
    }

    [Fact]
    public void Append_Entry_TakesTheNextSequenceAndTheSimulatedTime()
    {
        var log = NewLog(10);
        scheduler.RunUntil(TimeSpan.FromSeconds(3));

        var first = log.Append("n1", "vote", "voted");
        var second = log.Append(null, "fault", "cluster-wide");

        Assert.Equal(new SimulationEvent(1, TimeSpan.FromSeconds(3), "n1", "vote", "voted"), first);
        Assert.Equal(2, second.Sequence);
        Assert.Null(second.Node);
        Assert.Equal(3.0, second.TimeSeconds);
        Assert.Equal(2, log.LastSequence);
    }

    [Fact]
    public void Append_TenTimesCapacity_KeepsOnlyTheNewestCapacityEntries()
    {
        var log = NewLog(100);

        AppendMany(log, 1_000);

        var all = log.All();
        Assert.Equal(100, log.Count);
        Assert.Equal(1_000, log.LastSequence);
        Assert.Equal(Enumerable.Range(901, 100).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal("entry 901", all[0].Text);
        Assert.Equal("entry 1000", all[^1].Text);
    }

    [Fact]
    public void Append_AfterWrapping_SequencesKeepCounting()
    {
        var log = NewLog(3);
        AppendMany(log, 7);

        var next = log.Append(null, "test", "eighth");

        Assert.Equal(8, next.Sequence);
        Assert.Equal([6L, 7L, 8L], log.All().Select(e => e.Sequence));
    }

    [Fact]
    public void Count_Empty_IsZeroAndAllIsEmpty()
    {
        var log = NewLog(5);

        Assert.Equal(0, log.Count);
        Assert.Equal(0, log.LastSequence);
        Assert.Empty(log.All());
    }

    [Fact]
    public void After_Sequence_ReturnsTheEntriesAfterItOldestFirst()
    {
        var log = NewLog(50);
        AppendMany(log, 20);

        Assert.Equal([16L, 17L, 18L, 19L, 20L], log.After(15).Select(e => e.Sequence));
        Assert.Empty(log.After(20));
        Assert.Empty(log.After(1_000));
        Assert.Equal(20, log.After(-5).Count);
    }

    [Fact]
    public void After_WithMax_ReturnsAtMostMaxOfTheOldestMatches()
    {
        var log = NewLog(50);
        AppendMany(log, 20);

        Assert.Equal([6L, 7L, 8L], log.After(5, max: 3).Select(e => e.Sequence));
        Assert.Empty(log.After(5, max: 0));
    }

    [Fact]
    public void After_SequenceAlreadyDropped_StartsAtTheOldestHeldEntry()
    {
        var log = NewLog(10);
        AppendMany(log, 25);

        var entries = log.After(3, max: 4);

        Assert.Equal([16L, 17L, 18L, 19L], entries.Select(e => e.Sequence));
    }

    [Fact]
    public void Resize_Smaller_KeepsTheNewestEntriesAndSequencesGoOn()
    {
        var log = NewLog(10);
        AppendMany(log, 8);

        log.Resize(3);
        log.Append("n1", "test", "entry 9");

        Assert.Equal(3, log.Capacity);
        Assert.Equal([7L, 8L, 9L], log.All().Select(e => e.Sequence));
    }

    [Fact]
    public void Resize_Larger_KeepsEverythingAndHoldsMore()
    {
        var log = NewLog(4);
        AppendMany(log, 6);

        log.Resize(10);
        AppendMany(log, 5);

        Assert.Equal(9, log.Count);
        Assert.Equal(Enumerable.Range(3, 9).Select(i => (long)i), log.All().Select(e => e.Sequence));
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewLog(0));
    }
}

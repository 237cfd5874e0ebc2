using PatternDashboard.Simulation.Patterns.Sidecar;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;
using static PatternDashboard.Simulation.Tests.Patterns.Sidecar.SidecarTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.Sidecar;

/// <summary>The bounded log buffer: full, it drops new lines only and counts them; under its limit no line is lost.</summary>
public sealed class LogBufferTests
{
    public static IEnumerable<object[]> ManySeeds => Seeds(20);

    [Fact]
    public void Write_WhenFull_DropsTheNewLineKeepsTheOldOnesAndCountsIt()
    {
        var buffer = new LogBuffer(LogSource.Shipper, 3);
        Assert.True(buffer.Write());
        Assert.True(buffer.Write());
        Assert.True(buffer.Write());

        Assert.False(buffer.Write());
        Assert.False(buffer.Write());

        Assert.Equal(3, buffer.Count);
        Assert.Equal(1, buffer.First);
        Assert.Equal(3, buffer.LastSeq);
        Assert.Equal(2, buffer.Dropped);
        Assert.Equal(5, buffer.Written);
        buffer.Acknowledge(2);
        Assert.True(buffer.Write());
        Assert.Equal(4, buffer.LastSeq);
        Assert.Equal(3, buffer.First);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void CrashShipper_BufferFillsToItsLimit_ThenDropsOnlyNewLines_Counted(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.CrashLogShipper);
        long oldest = cluster.SharedBuffer.First;
        cluster.RunFor(TimeSpan.FromSeconds(20));

        var buffer = cluster.SharedBuffer;
        Assert.Equal(buffer.Capacity, buffer.Count);
        Assert.True(buffer.Dropped > 0, "lines beyond the limit are counted as dropped");
        Assert.Equal(oldest, buffer.First); // the old lines stay: only new ones are dropped
        Assert.Equal(buffer.Written, buffer.Dropped + buffer.LastSeq);
        Assert.True(cluster.Invariants.AllHold, Violations(cluster));
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void CrashShipperThenRestart_ShipperCatchesUp_EveryKeptLineStored(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        var crash = Inject(cluster, Fault.CrashLogShipper)!;
        cluster.RunFor(TimeSpan.FromSeconds(20));
        cluster.ClearFault(crash.Id);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        var buffer = cluster.SharedBuffer;
        Assert.True(buffer.Count < 50, $"the shipper should have caught up; {buffer.Count} lines still buffered");
        Assert.True(cluster.LogStore.StoredUpTo(LogSource.Shipper) >= buffer.First - 1);
        Assert.Equal(0, cluster.LogStore.Gaps(LogSource.Shipper));
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void CrashShipperBriefly_UnderTheLimit_NoLineDroppedOrLost(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        var crash = Inject(cluster, Fault.CrashLogShipper)!;
        cluster.RunFor(TimeSpan.FromSeconds(2)); // about 120 lines at 30 requests of 2 lines per second: under 300
        cluster.ClearFault(crash.Id);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        var buffer = cluster.SharedBuffer;
        Assert.Equal(0, buffer.Dropped);
        // Every line written was kept, and every kept line is in the store or, for the last moments, still in the buffer.
        Assert.Equal(buffer.Written, buffer.LastSeq);
        Assert.True(cluster.LogStore.StoredUpTo(LogSource.Shipper) >= buffer.First - 1);
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }

    [Theory]
    [MemberData(nameof(ManySeeds))]
    public void SlowShipper_ShipsSlowerThanTheAppWrites_BufferFillsAndDrops(long seed)
    {
        var cluster = Create(seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Inject(cluster, Fault.SlowSidecar, ShipperId, 50); // 20 lines per second at most, against about 60 written
        cluster.RunFor(TimeSpan.FromSeconds(30));

        Assert.True(cluster.SharedBuffer.Dropped > 0);
        Assert.True(cluster.LogStore.StoredUpTo(LogSource.Shipper) > 0);
        Assert.Equal(0, cluster.Invariants.TotalViolations);
    }
}

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>What the CQRS page reads: the write side and every read model side by side, lag, reads and read-your-writes.</summary>
/// <param name="ReadAfterWrite">The "break it" switch: customers act on the first read after their write.</param>
public sealed record CqrsDetails(
    WriteSideView WriteSide,
    IReadOnlyList<ReadModelView> ReadModels,
    IReadOnlyList<CustomerRow> Customers,
    LastCommitView? LastCommit,
    ReadLoadView Reads,
    ReadYourWritesView ReadYourWrites,
    double WriteRate,
    double ReadRate,
    bool ReadAfterWrite);

/// <summary>The write store and the command side.</summary>
public sealed record WriteSideView(bool Up, long Head, int EventsHeld, int Capacity, int OpenOrders, long Committed, long Rejected, long Unanswered,
    string? LastRejection, double ServiceTimeMs, int Waiting, long ArchivedStreams);

/// <summary>One read model's node: how far behind (events and seconds, the backlog over the throughput), and what it served.</summary>
public sealed record ReadModelView(string Id, string Label, string Shape, bool Up, bool Stopped, bool Slowed, long Checkpoint, long Backlog,
    double SecondsBehind, double Throughput, bool Rebuilding, double Progress, long Served, long Stale, string Summary);

/// <summary>A customer's open orders as committed in the write store and as visible in the first orders replica.</summary>
public sealed record CustomerRow(string Customer, int Committed, int Visible);

/// <summary>The shop front's last placement: where it was committed and which read models show it yet.</summary>
public sealed record LastCommitView(string OrderId, string Customer, long Position, double At, IReadOnlyList<string> VisibleIn, IReadOnlyList<string> NotYetIn);

public sealed record ReadLoadView(long Sent, long Answered, long Served, long Stale);

public sealed record ReadYourWritesView(long Checked, long AskedAgain, long FellBack, long Violations, long Duplicates, IReadOnlyList<ReadYourWritesViolation> Recent);

/// <summary>A read after a write that did not include the write, and was acted on.</summary>
public sealed record ReadYourWritesViolation(double Time, string Customer, string OrderId, long Position, long ReadAt);

/// <summary>Builds the details from the cluster's state.</summary>
public sealed partial class CqrsCluster
{
    public CqrsDetails DetailsOf()
    {
        var store = Store.Store;
        var writeSide = new WriteSideView(Store.IsUp, store.HeadPosition, store.EventCount, store.Capacity, Store.Open.Count, Commands.Committed,
            Commands.Rejected, Commands.Unanswered, Commands.LastRejection, Store.ServiceTime.TotalMilliseconds, Store.Waiting, store.ArchivedStreams);
        var models = ReadSide.Select(r => new ReadModelView(r.Id, r.Label, r.ServesCustomers ? "open orders per customer" : "units to pick per product",
            r.IsUp, r.IsStopped, r.ApplyTime != r.BaseApplyTime, r.Checkpoint, r.Backlog, r.SecondsBehind, r.Throughput, r.RebuildTarget is not null,
            r.RebuildProgress, r.Served, r.Stale, Summary(r))).ToList();
        var first = (CustomerOrdersView)CustomerReplicas[0].Projection;
        var customers = ShopFrontNode.Customers
            .Select(c => new CustomerRow(c, Store.OpenOf(c).Count(), first.OrdersOf(c).Count))
            .ToList();
        LastCommitView? last = ShopFront.LastCommit is { } commit
            ? new LastCommitView(commit.OrderId, commit.Customer, commit.Position, commit.At.TotalSeconds,
                [.. ReadSide.Where(r => r.Checkpoint >= commit.Position).Select(r => r.Id)],
                [.. ReadSide.Where(r => r.Checkpoint < commit.Position).Select(r => r.Id)])
            : null;
        var readLoad = new ReadLoadView(Browsers.Sent, Browsers.Answered, ReadsServed, StaleReads);
        var ryw = new ReadYourWritesView(ShopFront.Checked, ShopFront.AskedAgain, ShopFront.FellBack, ShopFront.Violations, ShopFront.Duplicates,
            [.. ShopFront.RecentViolations]);
        return new CqrsDetails(writeSide, models, customers, last, readLoad, ryw, WriteRate, ReadRate, ReadAfterWrite);
    }

    private static string Summary(ReadReplicaNode replica) => replica.Projection switch
    {
        CustomerOrdersView orders => orders.OpenOrders == 1 ? "1 open order" : $"{orders.OpenOrders} open orders",
        PickListView pick => $"{pick.Units.Values.Sum()} units to pick",
        _ => "",
    };
}

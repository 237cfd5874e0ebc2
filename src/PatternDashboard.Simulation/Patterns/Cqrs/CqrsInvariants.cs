using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>
/// Once a read model has applied everything the write store holds, it equals the projection of the write model: the
/// same open orders per customer, the same units per product. Checked only when a read model is caught up (behind, it
/// is allowed to differ: that is the lag), and again only when its checkpoint or the head moved.
/// </summary>
public sealed class ReadModelsConvergeMonitor(CqrsCluster cluster)
    : InvariantMonitor(MonitorId, "Once caught up, every read model equals the projection of the write store")
{
    public const string MonitorId = "read-models-converge";

    private readonly Dictionary<string, (long Checkpoint, long Head)> checkedAt = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> wrong = new(StringComparer.Ordinal);

    public override string? Check()
    {
        long head = cluster.Store.Store.HeadPosition;
        foreach (var replica in cluster.ReadSide)
        {
            if (replica.Checkpoint != head || replica.RebuildTarget is not null || checkedAt.GetValueOrDefault(replica.Id) == (replica.Checkpoint, head))
            {
                continue;
            }
            checkedAt[replica.Id] = (replica.Checkpoint, head);
            string? difference = Difference(replica);
            if (difference is null)
            {
                wrong.Remove(replica.Id);
            }
            else
            {
                wrong[replica.Id] = $"{replica.Label}, caught up at position {head}: {difference}";
            }
        }
        return wrong.Count == 0 ? null : wrong.Values.First();
    }

    private string? Difference(ReadReplicaNode replica)
    {
        var open = cluster.Store.Open.Values;
        switch (replica.Projection)
        {
            case CustomerOrdersView view:
                var expected = CustomerOrdersView.Expected(open);
                foreach (var customer in expected.Keys.Union(view.ByCustomer.Keys))
                {
                    var shown = view.OrdersOf(customer);
                    var should = expected.TryGetValue(customer, out var s) ? s : [];
                    if (!should.SetEquals(shown))
                    {
                        return $"lists {shown.Count} open orders of {customer}, the write store has {should.Count}";
                    }
                }
                return null;
            case PickListView pick:
                var units = PickListView.Expected(open);
                foreach (var product in units.Keys.Union(pick.Units.Keys))
                {
                    if (units.GetValueOrDefault(product) != pick.Units.GetValueOrDefault(product))
                    {
                        return $"shows {pick.Units.GetValueOrDefault(product)} {product} to pick, the write store has {units.GetValueOrDefault(product)}";
                    }
                }
                return null;
            default:
                return null;
        }
    }
}

/// <summary>A customer who acts on what "my orders" shows right after placing an order sees that order there.</summary>
public sealed class ReadYourWritesMonitor(ShopFrontNode shop)
    : InvariantMonitor(MonitorId, "A customer acting on a read after a write sees that write")
{
    public const string MonitorId = "read-your-writes";

    public override string? Check() =>
        shop.Violations == 0 || shop.RecentViolations.LastOrDefault() is not { } last ? null
            : $"{shop.Violations} read-your-writes violations; last: {last.Customer} placed {last.OrderId} at position {last.Position}, read a model at {last.ReadAt} without it and ordered again";
}

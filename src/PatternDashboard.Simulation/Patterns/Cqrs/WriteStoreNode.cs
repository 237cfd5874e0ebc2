using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>
/// The write store: the event store of the orders, and beside it the write model the command side validates against
/// (the open orders), updated in the same step as each append, so what is committed and what the write model says never
/// differ. Both are on disk: a crash loses neither. Shipped and cancelled orders are finished streams the store may archive.
/// </summary>
public sealed class WriteStoreNode(SimulationBase simulation, EventStreamStore<ShopEvent> store)
    : EventStoreNode<ShopEvent>(simulation, store, CqrsPattern.WriteStoreId, "Write store")
{
    private readonly SortedDictionary<string, OpenOrder> open = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, OpenOrder> Open => open;

    public IEnumerable<OpenOrder> OpenOf(string customer) => open.Values.Where(o => o.Customer == customer);

    protected override void OnAppended(IReadOnlyList<StoredEvent<ShopEvent>> written)
    {
        foreach (var stored in written)
        {
            var e = stored.Data;
            if (e.Type == ShopEventType.Placed)
            {
                open[stored.StreamId] = new OpenOrder(stored.StreamId, e.Customer, e.Product, e.Quantity, stored.Position);
            }
            else
            {
                open.Remove(stored.StreamId);
                Store.MarkFinished(stored.StreamId);
            }
        }
    }

    protected override void OnOtherMessage(string from, IMessage message)
    {
        if (message is WriteModelRequest read)
        {
            IReadOnlyList<OpenOrder> orders = read.OrderId is { } id
                ? open.TryGetValue(id, out var order) ? [order] : []
                : [.. OpenOf(read.Customer)];
            Send(from, new WriteModelReply(read.RequestId, orders, Store.HeadPosition));
        }
    }
}

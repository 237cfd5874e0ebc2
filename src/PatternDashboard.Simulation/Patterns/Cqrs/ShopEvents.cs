using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>What happened to an order; every order is a stream of its own ("order-17"), finished once shipped or cancelled.</summary>
public sealed record ShopEvent(string Type, string Customer, string Product, int Quantity);

public static class ShopEventType
{
    public const string Placed = "placed";
    public const string Shipped = "shipped";
    public const string Cancelled = "cancelled";
}

/// <summary>An order that is neither shipped nor cancelled, as the write model keeps it.</summary>
public sealed record OpenOrder(string OrderId, string Customer, string Product, int Quantity, long Position);

/// <summary>
/// Read model for "what has this customer ordered that has not shipped yet": open order ids per customer, the query a
/// customer's "my orders" page makes. Finished orders leave it, so a rebuild from the events the store still holds
/// (archived streams are all finished) gives the same model.
/// </summary>
public sealed class CustomerOrdersView : IProjection<ShopEvent>
{
    private readonly SortedDictionary<string, SortedSet<string>> byCustomer = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SortedSet<string>> ByCustomer => byCustomer;

    public int OpenOrders => byCustomer.Values.Sum(s => s.Count);

    public IReadOnlyList<string> OrdersOf(string customer) =>
        byCustomer.TryGetValue(customer, out var orders) ? [.. orders] : [];

    public void Apply(StoredEvent<ShopEvent> stored)
    {
        var e = stored.Data;
        if (e.Type == ShopEventType.Placed)
        {
            if (!byCustomer.TryGetValue(e.Customer, out var orders))
            {
                byCustomer[e.Customer] = orders = new SortedSet<string>(StringComparer.Ordinal);
            }
            orders.Add(stored.StreamId);
        }
        else if (byCustomer.TryGetValue(e.Customer, out var orders) && orders.Remove(stored.StreamId) && orders.Count == 0)
        {
            byCustomer.Remove(e.Customer);
        }
    }

    public void Reset() => byCustomer.Clear();

    /// <summary>The same model built straight from the write model's open orders.</summary>
    public static SortedDictionary<string, SortedSet<string>> Expected(IEnumerable<OpenOrder> open)
    {
        var expected = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var order in open)
        {
            if (!expected.TryGetValue(order.Customer, out var orders))
            {
                expected[order.Customer] = orders = new SortedSet<string>(StringComparer.Ordinal);
            }
            orders.Add(order.OrderId);
        }
        return expected;
    }
}

/// <summary>
/// Read model for the warehouse's pick list, "how many units of each product wait to be shipped": a different shape
/// of the same events, summed per product instead of listed per customer.
/// </summary>
public sealed class PickListView : IProjection<ShopEvent>
{
    private readonly SortedDictionary<string, int> units = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Units => units;

    public void Apply(StoredEvent<ShopEvent> stored)
    {
        var e = stored.Data;
        int change = e.Type == ShopEventType.Placed ? e.Quantity : -e.Quantity;
        int now = units.GetValueOrDefault(e.Product) + change;
        if (now == 0)
        {
            units.Remove(e.Product);
        }
        else
        {
            units[e.Product] = now;
        }
    }

    public void Reset() => units.Clear();

    public static SortedDictionary<string, int> Expected(IEnumerable<OpenOrder> open)
    {
        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var order in open)
        {
            expected[order.Product] = expected.GetValueOrDefault(order.Product) + order.Quantity;
        }
        return expected;
    }
}

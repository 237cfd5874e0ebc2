using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>
/// The stream of orders, drawn from the seed alone so that every style gets the same orders. Commands and events carry
/// an order's number; its body is read here, as a message body would be. Recent orders only (bounded).
/// </summary>
public sealed class OrderBook(SeededRandom random)
{
    public const int Kept = 20_000;

    private readonly Dictionary<int, Order> orders = [];
    private readonly Queue<int> order = new();

    public int Count { get; private set; }

    public Order Next()
    {
        var next = new Order(++Count, 5 * random.Next(2, 41), random.Next(1, 6));
        orders[next.Number] = next;
        order.Enqueue(next.Number);
        if (order.Count > Kept)
        {
            orders.Remove(order.Dequeue());
        }
        return next;
    }

    public Order? Find(int number) => orders.GetValueOrDefault(number);
}

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>
/// The card processor's record of charges per order, kept for the most recent orders only: an order charged a second
/// time is caught as long as its first charge is still remembered, which a shadow's charge (milliseconds later) is.
/// </summary>
public sealed class PaymentLedger
{
    public const int Remembered = 4_096;

    private readonly Dictionary<long, int> charges = [];
    private readonly Queue<long> order = new();

    /// <summary>Orders remembered now; never more than <see cref="Remembered"/>.</summary>
    public int Count => charges.Count;

    public long Charges { get; private set; }

    /// <summary>Orders charged more than once.</summary>
    public long DoubleCharges { get; private set; }

    public TimeSpan? LastDoubleAt { get; private set; }

    public string? LastDouble { get; private set; }

    public void Charge(long orderId, string by, TimeSpan now)
    {
        Charges++;
        if (charges.TryGetValue(orderId, out int count))
        {
            charges[orderId] = count + 1;
            DoubleCharges++;
            LastDoubleAt = now;
            LastDouble = $"order {orderId} was charged {count + 1} times, the last by {by}";
            return;
        }
        charges.Add(orderId, 1);
        order.Enqueue(orderId);
        if (order.Count > Remembered)
        {
            charges.Remove(order.Dequeue());
        }
    }
}

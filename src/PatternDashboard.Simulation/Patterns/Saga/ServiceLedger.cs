namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>The answer of a service to one attempt of a step or compensation.</summary>
public enum StepOutcome
{
    Done,
    Refused,
    Error,
}

/// <summary>
/// A service's own database: its business state (money, stock, shipments, orders) and, in the same transaction, the
/// outcome of every step and compensation it ran, keyed by saga and step. A retry or duplicate finds its key and gets
/// the first answer again without a second effect. It survives crashes. The key window is bounded; a saga is long
/// finished before its keys fall out.
/// </summary>
public sealed class ServiceLedger(SagaStep step)
{
    public const int KeyWindow = 10_000;

    private readonly Dictionary<(int Saga, bool Undo), StepOutcome> outcomes = [];
    private readonly Queue<(int Saga, bool Undo)> keyOrder = new();

    public SagaStep Step { get; } = step;

    /// <summary>False while "break it" makes the service apply whatever it receives.</summary>
    public bool Idempotent { get; set; } = true;

    public long Applied { get; private set; }

    public long Undone { get; private set; }

    public long Refused { get; private set; }

    public long DuplicatesSkipped { get; private set; }

    /// <summary>Money taken and refunded (payment), items reserved and released (inventory), shipped (shipping).</summary>
    public long Amount { get; private set; }

    public long AmountUndone { get; private set; }

    public long Items { get; private set; }

    public long ItemsUndone { get; private set; }

    /// <summary>Runs the step (or its compensation) once for this saga; the bool says whether the state changed.</summary>
    /// <param name="refuse">Asked only when the step runs for the first time: whether the business says no.</param>
    public (StepOutcome Outcome, bool Changed) Apply(Order order, bool undo, Func<bool> refuse)
    {
        var key = (order.Number, undo);
        if (Idempotent && outcomes.TryGetValue(key, out var earlier))
        {
            DuplicatesSkipped++;
            return (earlier, false);
        }
        var outcome = !undo && refuse() ? StepOutcome.Refused : StepOutcome.Done;
        Remember(key, outcome);
        if (outcome == StepOutcome.Refused)
        {
            Refused++;
            return (outcome, false);
        }
        if (undo)
        {
            Undone++;
            AmountUndone += order.Value;
            ItemsUndone += order.Quantity;
        }
        else
        {
            Applied++;
            Amount += order.Value;
            Items += order.Quantity;
        }
        return (outcome, true);
    }

    private void Remember((int Saga, bool Undo) key, StepOutcome outcome)
    {
        if (outcomes.TryAdd(key, outcome))
        {
            keyOrder.Enqueue(key);
            if (keyOrder.Count > KeyWindow)
            {
                outcomes.Remove(keyOrder.Dequeue());
            }
        }
    }
}

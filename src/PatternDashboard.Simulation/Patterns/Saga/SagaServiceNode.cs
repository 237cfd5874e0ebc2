using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>
/// A service that owns one step of the saga (and its compensation): its own ledger on disk and how one attempt goes.
/// An attempt takes the service's time, may fail for a moment (nothing applied), and may be answered too late after
/// the work is done. How attempts are asked for (commands from a coordinator, events from the broker) is the subclass's.
/// </summary>
public abstract class SagaServiceNode : SimulationNode
{
    private readonly SagaCluster cluster;

    protected SagaServiceNode(SagaCluster cluster, SagaStyle style, SagaStep step)
        : base(cluster, SagaPattern.ServiceId(style, step.Service), $"{Capitalized(step.Service)} ({SagaPattern.StyleWord(style)})")
    {
        this.cluster = cluster;
        Style = style;
        Step = step;
        Ledger = new ServiceLedger(step);
    }

    public SagaStyle Style { get; }

    public SagaStep Step { get; }

    /// <summary>The service's database: it survives crashes.</summary>
    public ServiceLedger Ledger { get; }

    /// <summary>Attempts under way (volatile).</summary>
    public int Working { get; private set; }

    /// <summary>Fault settings, 0 to 1: refused orders, transient errors, late answers.</summary>
    public double FailureRate { get; internal set; }

    public double ErrorRate { get; internal set; }

    public double TimeoutRate { get; internal set; }

    protected SagaCluster Cluster => cluster;

    protected SagaTracker Tracker => cluster.Tracker(Style);

    protected override void OnCrash() => Working = 0;

    /// <summary>Runs one attempt; <paramref name="done"/> gets the answer unless the node crashes first.</summary>
    protected void Attempt(int saga, bool undo, Action<StepOutcome> done)
    {
        Working++;
        var order = cluster.Orders.Find(saga);
        StartTimer(cluster.ServiceTime * (0.5 + Random.NextDouble()), () =>
        {
            Working--;
            if (order is null || Random.Chance(Math.Min(1, cluster.TransientRate + ErrorRate)))
            {
                done(StepOutcome.Error);
                return;
            }
            var (outcome, changed) = Ledger.Apply(order, undo, () => cluster.Refuses(this, order));
            if (changed)
            {
                Report(order.Number, undo);
            }
            else if (outcome == StepOutcome.Refused)
            {
                Tracker.StepRefused(order.Number, Step.Number, Now);
            }
            if (cluster.TakeTimeout(Style, Step.Number) || Random.Chance(TimeoutRate))
            {
                // The work is done; only the answer is late, after the caller has given up on this attempt.
                StartTimer(3 * cluster.StepTimeout, () => done(outcome));
                return;
            }
            done(outcome);
        });
    }

    private void Report(int saga, bool undo)
    {
        if (undo)
        {
            Tracker.CompensationDone(saga, Step.Number, Now);
        }
        else
        {
            Tracker.StepDone(saga, Step.Number, Now);
        }
    }

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}

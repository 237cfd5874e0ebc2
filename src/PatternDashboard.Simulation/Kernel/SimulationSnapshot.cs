namespace PatternDashboard.Simulation.Kernel;

/// <summary>A node as a viewer sees it. <see cref="State"/> is the pattern's word for its role ("leader").</summary>
public sealed record NodeView(string Id, string Label, string State, bool Up, string Lifecycle, IReadOnlyDictionary<string, object?> Properties);

/// <summary>A link between two nodes: "up", "down" (cut both ways) or "one-way" (only From to To works).</summary>
public sealed record LinkView(string From, string To, string State);

/// <summary>
/// A message in flight; <see cref="Progress"/> runs from 0 at sending to 1 at arrival. <see cref="SentAt"/> and
/// <see cref="ArrivesAt"/> (simulated seconds) let a view move it between updates.
/// </summary>
public sealed record MessageView(long Id, string From, string To, string Kind, double Progress, double SentAt = 0, double ArrivesAt = 0);

/// <summary>A bounded metric series for a chart.</summary>
public sealed record SeriesView(string Name, string Unit, MetricPoint[] Points);

/// <summary>
/// An immutable picture of a simulation at one moment, built once per tick on the simulation's own thread
/// and shared by every viewer.
/// </summary>
public sealed record SimulationSnapshot(
    string PatternId,
    long Seed,
    double SimulatedTime,
    long EventCount,
    IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<LinkView> Links,
    IReadOnlyList<MessageView> Messages,
    IReadOnlyList<ActiveFault> ActiveFaults,
    IReadOnlyList<InvariantView> Invariants,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<SeriesView> Series,
    object? Details)
{
    /// <summary>For each node-targeted fault, the nodes it may aim at at all (whether it applies right now is checked on injection).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FaultTargets { get; init; }
}

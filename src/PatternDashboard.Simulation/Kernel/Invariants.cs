namespace PatternDashboard.Simulation.Kernel;

/// <summary>A safety property checked after every event. It reports a violation; it never throws.</summary>
public abstract class InvariantMonitor(string id, string description)
{
    public string Id { get; } = id;

    public string Description { get; } = description;

    /// <summary>
    /// False for a monitor that judges whether the pattern does its job with its current settings, which live settings
    /// may defeat on purpose (a day-long break duration is a breaker that never opens). Random inputs leave it out;
    /// the break-it switches still show it going red.
    /// </summary>
    public virtual bool HoldsUnderAnyInputs => true;

    /// <summary>Null when the property holds, otherwise what is wrong, in words.</summary>
    public abstract string? Check();
}

/// <summary>The state of one invariant as a viewer sees it.</summary>
/// <param name="Violations">How many times it went from holding to violated.</param>
public sealed record InvariantView(string Id, string Description, bool Holds, int Violations, string? LastViolation, double? LastViolationTime);

/// <summary>Runs the monitors and keeps, per monitor, whether it holds and how often it broke.</summary>
public sealed class InvariantBoard
{
    private readonly List<Entry> entries = [];
    private readonly EventLog log;
    private readonly SimulationClock clock;

    internal InvariantBoard(EventLog log, SimulationClock clock)
    {
        this.log = log;
        this.clock = clock;
    }

    public void Add(InvariantMonitor monitor) => entries.Add(new Entry(monitor));

    public IReadOnlyList<InvariantMonitor> Monitors => entries.ConvertAll(e => e.Monitor);

    public bool AllHold => entries.TrueForAll(e => e.Holds);

    public int TotalViolations => entries.Sum(e => e.Violations);

    internal void CheckAll()
    {
        foreach (var entry in entries)
        {
            string? problem = entry.Monitor.Check();
            if (problem is null)
            {
                entry.Holds = true;
                continue;
            }
            if (entry.Holds)
            {
                entry.Violations++;
                entry.LastViolation = problem;
                entry.LastViolationTime = clock.Now.TotalSeconds;
                log.Append(null, "invariant", $"Invariant violated: {entry.Monitor.Description}. {problem}");
            }
            entry.Holds = false;
        }
    }

    public IReadOnlyList<InvariantView> Views() =>
        entries.ConvertAll(e => new InvariantView(e.Monitor.Id, e.Monitor.Description, e.Holds, e.Violations, e.LastViolation, e.LastViolationTime));

    private sealed class Entry(InvariantMonitor monitor)
    {
        public InvariantMonitor Monitor { get; } = monitor;
        public bool Holds { get; set; } = true;
        public int Violations { get; set; }
        public string? LastViolation { get; set; }
        public double? LastViolationTime { get; set; }
    }
}

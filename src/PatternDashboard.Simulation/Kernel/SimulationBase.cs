using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Kernel;

/// <summary>
/// One simulated cluster: clock, scheduler, seeded randomness, network, nodes, faults, invariants, event log,
/// metrics and the recording of user inputs. Single-threaded: its owner serializes every call.
/// A pattern derives from it, adds its nodes and monitors, then calls <see cref="Start"/>.
/// </summary>
public abstract partial class SimulationBase
{
    public const int DefaultEventLogCapacity = 5_000;

    /// <summary>How often metric series take a sample, in simulated time.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<SimulationNode> nodes = [];
    private readonly Dictionary<string, MetricSeries> series = new(StringComparer.Ordinal);
    private readonly List<RecordedInput> inputs = [];
    private readonly NetworkFaultState networkFaults;
    private Action? sample;

    protected SimulationBase(PatternDescriptor pattern, long seed, IReadOnlyDictionary<string, double> options, int eventLogCapacity = DefaultEventLogCapacity)
    {
        Pattern = pattern;
        Seed = seed;
        Options = options;
        Scheduler = new EventScheduler();
        Random = new SeededRandom(seed);
        Log = new EventLog(Scheduler.Clock, eventLogCapacity);
        Network = new SimulatedNetwork(this);
        Invariants = new InvariantBoard(Log, Scheduler.Clock);
        Faults = new FaultBoard();
        networkFaults = new NetworkFaultState(this);
    }

    public PatternDescriptor Pattern { get; }

    public long Seed { get; }

    public IReadOnlyDictionary<string, double> Options { get; }

    public EventScheduler Scheduler { get; }

    public SimulationClock Clock => Scheduler.Clock;

    public SeededRandom Random { get; }

    public SimulatedNetwork Network { get; }

    public EventLog Log { get; }

    public InvariantBoard Invariants { get; }

    public FaultBoard Faults { get; }

    public IReadOnlyList<SimulationNode> Nodes => nodes;

    /// <summary>The faults and switches this pattern offers.</summary>
    private (int NodeCount, IReadOnlyDictionary<string, IReadOnlyList<string>> Targets)? faultTargets;

    public abstract IReadOnlyList<FaultDefinition> FaultCatalog { get; }

    public IReadOnlyList<RecordedInput> Inputs => inputs;

    public Recording ToRecording() =>
        new(Recording.CurrentFormatVersion, Pattern.Id, Seed, new SortedDictionary<string, double>(Options.ToDictionary()), [.. inputs]);

    public SimulationNode Node(string id) =>
        nodes.FirstOrDefault(n => n.Id == id)
        ?? throw new SimulationInputException($"Unknown node '{id}'. Nodes: {string.Join(", ", nodes.Select(n => n.Id))}.");

    protected void AddNode(SimulationNode node)
    {
        nodes.Add(node);
        Network.Register(node);
    }

    protected MetricSeries AddSeries(string name, string unit)
    {
        var s = new MetricSeries(name, unit);
        series.Add(name, s);
        return s;
    }

    /// <summary>True once <see cref="Start"/> ran: nodes added from then on start as they are added.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>
    /// The start hook, the last line of every cluster's constructor: starts every node, the invariant checks after
    /// each event and the metric sampling.
    /// </summary>
    protected void Start()
    {
        if (IsStarted)
        {
            throw new InvalidOperationException("The simulation has already started.");
        }
        IsStarted = true;
        Scheduler.EventExecuted += Invariants.CheckAll;
        foreach (var node in nodes)
        {
            node.Start();
        }
        sample = Sample;
        Scheduler.Schedule(SampleInterval, sample);
        Invariants.CheckAll();
    }

    /// <summary>Runs the next event, or gives the next planned demonstration input when it is due first.</summary>
    public bool Step()
    {
        if (NextPlannedTime is { } due && (Scheduler.NextEventTime is not { } next || due < next))
        {
            Scheduler.RunUntil(due);
            GiveDuePlanned();
            return true;
        }
        return Scheduler.Step();
    }

    /// <summary>Runs every event up to <paramref name="time"/>, giving planned demonstration inputs at their times on the way.</summary>
    public void RunUntil(TimeSpan time)
    {
        while (NextPlannedTime is { } due && due <= time)
        {
            Scheduler.RunUntil(due);
            GiveDuePlanned();
        }
        Scheduler.RunUntil(time);
    }

    public void RunFor(TimeSpan duration) => RunUntil(Clock.Now + duration);

    /// <summary>
    /// Injects a fault now. The request is checked first: a bad one throws <see cref="SimulationInputException"/>
    /// and changes nothing. Returns the active fault, or null for an instant action.
    /// </summary>
    public ActiveFault? InjectFault(FaultRequest request)
    {
        var definition = Validate(request);
        EnsureRoomForInput();
        inputs.Add(new RecordedInput(Clock.Now.Ticks, Scheduler.ExecutedCount, RecordedInput.Inject, request.FaultId, request.Target, request.Value));
        using var inline = InlineContinuations.Enter(); // a fault may end work that others await (a crash cancels calls)
        return Apply(definition, request);
    }

    /// <summary>Undoes an active fault. An unknown id throws <see cref="SimulationInputException"/>.</summary>
    public void ClearFault(string activeFaultId)
    {
        if (!Faults.Contains(activeFaultId))
        {
            throw new SimulationInputException($"No active fault has the id '{activeFaultId}'.");
        }
        EnsureRoomForInput();
        inputs.Add(new RecordedInput(Clock.Now.Ticks, Scheduler.ExecutedCount, RecordedInput.Clear, activeFaultId));
        using var inline = InlineContinuations.Enter();
        var fault = Faults.Remove(activeFaultId);
        Log.Append(fault.Target, "fault", $"Cleared: {fault.Label}");
        OnFaultsChanged();
        Invariants.CheckAll();
    }

    /// <summary>Ends an active fault as a side effect of another input (a restart ends its crash), logged like a clear.</summary>
    protected internal void ClearQuietly(ActiveFault fault)
    {
        Faults.Remove(fault.Id);
        Log.Append(fault.Target, "fault", $"Cleared: {fault.Label}");
    }

    /// <summary>Applies recorded inputs at their exact points of the run, then runs on to <paramref name="until"/> if given.</summary>
    internal void Replay(IReadOnlyList<RecordedInput> recorded, TimeSpan? until)
    {
        foreach (var input in recorded)
        {
            var time = TimeSpan.FromTicks(input.TimeTicks);
            if (until is { } limit && time > limit)
            {
                break;
            }
            try
            {
                Scheduler.RunToPoint(input.AfterEvents, time);
            }
            catch (InvalidOperationException e)
            {
                throw new SimulationInputException($"The recording does not match this simulation: {e.Message}");
            }
            if (input.Action == RecordedInput.Inject)
            {
                InjectFault(new FaultRequest(input.FaultId, input.Target, input.Value));
            }
            else
            {
                ClearFault(input.FaultId);
            }
        }
        if (until is { } end)
        {
            RunUntil(end);
        }
    }

    public SimulationSnapshot CreateSnapshot()
    {
        var now = Clock.Now;
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, s) in series)
        {
            if (s.Latest is { } latest)
            {
                metrics[name] = latest;
            }
        }
        var messages = Network.InFlight().Select(m => new MessageView(
            m.Id, m.From, m.To, m.Kind,
            m.DeliverAt <= m.SentAt ? 1 : Math.Clamp((now - m.SentAt) / (m.DeliverAt - m.SentAt), 0, 1),
            m.SentAt.TotalSeconds, m.DeliverAt.TotalSeconds)).ToArray();
        return new SimulationSnapshot(
            Pattern.Id, Seed, now.TotalSeconds, Scheduler.ExecutedCount,
            nodes.ConvertAll(Describe), DescribeLinks(), messages, Faults.Active, Invariants.Views(),
            metrics, [.. series.Values.Select(s => new SeriesView(s.Name, s.Unit, s.ToArray()))], DescribeDetails())
        {
            FaultTargets = DescribeFaultTargets(),
        };
    }

    /// <summary>
    /// Whether a node fault may aim at this node at all, such as "only consumers can be slowed". It must depend only on
    /// what a node is, not on its state: the answer is cached until a node joins.
    /// </summary>
    protected virtual bool MayTarget(FaultDefinition fault, SimulationNode node) => true;

    private IReadOnlyDictionary<string, IReadOnlyList<string>> DescribeFaultTargets()
    {
        if (faultTargets is { } cached && cached.NodeCount == nodes.Count)
        {
            return cached.Targets;
        }
        var targets = FaultCatalog
            .Where(f => f.Target == FaultTarget.Node)
            .ToDictionary(f => f.Id, f => (IReadOnlyList<string>)[.. nodes.Where(n => MayTarget(f, n)).Select(n => n.Id)]);
        faultTargets = (nodes.Count, targets);
        return targets;
    }

    protected abstract NodeView Describe(SimulationNode node);

    /// <summary>Pattern-specific data for its page (timelines, counters); serialized as is.</summary>
    protected virtual object? DescribeDetails() => null;

    /// <summary>Adds one sample to each series; called every <see cref="SampleInterval"/>.</summary>
    protected virtual void SampleMetrics()
    {
    }

    /// <summary>
    /// Whether the drawing shows a link between two nodes. Every pair can reach every other on the network, but a
    /// pattern whose traffic runs through a hub (a broker, a caller) reads better without pairs that never talk.
    /// </summary>
    protected virtual bool AreLinked(SimulationNode a, SimulationNode b) => true;

    protected IReadOnlyList<LinkView> DescribeLinks()
    {
        var links = new List<LinkView>();
        for (int i = 0; i < nodes.Count; i++)
        {
            for (int j = i + 1; j < nodes.Count; j++)
            {
                if (!AreLinked(nodes[i], nodes[j]))
                {
                    continue;
                }
                string a = nodes[i].Id, b = nodes[j].Id;
                bool ab = !Network.IsBlocked(a, b), ba = !Network.IsBlocked(b, a);
                links.Add((ab, ba) switch
                {
                    (true, true) => new LinkView(a, b, "up"),
                    (false, false) => new LinkView(a, b, "down"),
                    (true, false) => new LinkView(a, b, "one-way"),
                    (false, true) => new LinkView(b, a, "one-way"),
                });
            }
        }
        return links;
    }

    private void Sample()
    {
        SampleMetrics();
        // One delegate for the whole run rather than one per sample.
        Scheduler.Schedule(SampleInterval, sample!);
    }

    /// <summary>Adds a sample to a series made by <see cref="AddSeries"/>.</summary>
    protected void Record(MetricSeries target, double value) => target.Add(Clock.Now, value);
}

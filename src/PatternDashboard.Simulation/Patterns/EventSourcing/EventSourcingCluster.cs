using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;
using static PatternDashboard.Simulation.Patterns.EventSourcing.EventSourcingPattern;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>
/// A bank kept as events: an event store node, two tellers writing to the same accounts (so their appends can
/// conflict), and a projector building a statement read model from the store. The workload is bounded: a fixed number
/// of accounts is open at a time, each closes after a planned number of events and a new one takes its place, and
/// the store archives closed streams, so a week-long run holds at most a few thousand events.
/// </summary>
public sealed partial class EventSourcingCluster : SimulationBase
{
    private static readonly string[] Owners = ["Ada", "Brook", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana", "Ivo", "Juno", "Kai", "Lena"];

    private readonly List<string> live = [];
    private readonly Dictionary<string, int> plannedLength = new(StringComparer.Ordinal);
    // Versions at which each open account's snapshots were written; an account's list goes when it closes.
    private readonly Dictionary<string, List<long>> snapshotsWritten = new(StringComparer.Ordinal);
    private readonly Queue<ConflictView> conflicts = new();
    private readonly List<BadEventView> badEvents = [];
    private readonly SeededRandom workload;
    private readonly MetricSeries readWithSnapshots, readFromZero, conflictRate, projectionLag;
    private int accountsOpened;
    private long loads, eventsRead, eventsFromZero;
    private (long Loads, long Read, long FromZero) lastSample;
    private long conflictsAtLastSample;
    private double lastRead, lastFromZero;

    public EventSourcingCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(EventSourcingPattern.Options, options))
    {
        AccountCount = (int)Options[Option.Accounts];
        WriteRate = Options[Option.WriteRate];
        SnapshotEvery = (int)Options[Option.SnapshotEvery];
        AccountLength = (int)Options[Option.AccountLength];
        var delay = TimeSpan.FromMilliseconds(Options[Option.NetworkDelayMs]);
        Network.Conditions = new LinkConditions(delay, delay / 2);
        // A round trip is two delays plus their tails: allowing six keeps a slow network from looking like a dead store.
        AnswerTimeout = TellerNode.BaseAnswerTimeout + 6 * delay;
        workload = Random.Derive("workload");
        Store = new BankStoreNode(this, new EventStreamStore<AccountEvent>());
        Tellers = [new TellerNode(this, TellerA, "Teller A"), new TellerNode(this, TellerB, "Teller B")];
        Summaries = new AccountSummaries();
        Projector = new ProjectorNode<AccountEvent>(this, ProjectorId, "Projector", StoreId, Summaries, readTimeout: ProjectorNode<AccountEvent>.DefaultReadTimeout + 6 * delay);
        AddNode(Store);
        foreach (var teller in Tellers)
        {
            AddNode(teller);
        }
        AddNode(Projector);
        readWithSnapshots = AddSeries(Metric.ReadWithSnapshots, "events");
        readFromZero = AddSeries(Metric.ReadFromZero, "events");
        conflictRate = AddSeries(Metric.Conflicts, "per s");
        projectionLag = AddSeries(Metric.ProjectionLag, "events");
        ReplayMonitor = new ReplayEqualsStateMonitor(Store);
        Invariants.Add(ReplayMonitor);
        Invariants.Add(new NoVersionGapsMonitor(Store.Store));
        Invariants.Add(new SnapshotRebuildMonitor(Store.Store, Tellers));
        Start();
    }

    public int AccountCount { get; }

    public double WriteRate { get; }

    public int SnapshotEvery { get; }

    public int AccountLength { get; }

    /// <summary>How long a teller waits for an answer from the store before it retries.</summary>
    public TimeSpan AnswerTimeout { get; }

    public BankStoreNode Store { get; }

    public IReadOnlyList<TellerNode> Tellers { get; }

    public ProjectorNode<AccountEvent> Projector { get; }

    public AccountSummaries Summaries { get; }

    public ReplayEqualsStateMonitor ReplayMonitor { get; }

    /// <summary>True while the "break it" switch has tellers overwrite rows instead of appending events.</summary>
    public bool InPlace { get; private set; }

    /// <summary>The account the page follows: the oldest one still open.</summary>
    public string? Followed { get; private set; }

    public IReadOnlyList<string> LiveAccounts => live;

    public IReadOnlyList<BadEventView> BadEvents => badEvents;

    public long Loads => loads;

    public long EventsRead => eventsRead;

    public long EventsFromZero => eventsFromZero;

    public override IReadOnlyList<FaultDefinition> FaultCatalog => EventSourcingPattern.Faults;

    /// <summary>The account a teller works on next: a new one while fewer than <see cref="AccountCount"/> are open.</summary>
    internal string? PickAccount(SeededRandom random)
    {
        if (live.Count < AccountCount)
        {
            string id = $"acc-{++accountsOpened}";
            plannedLength[id] = Math.Max(3, (int)Math.Round(AccountLength * (0.5 + workload.NextDouble())));
            live.Add(id);
            NoteFollowed();
            return id;
        }
        return live[random.Next(live.Count)];
    }

    /// <summary>The command an ordinary customer gives, judged against the state the teller rebuilt.</summary>
    internal AccountEvent? Decide(AccountState state, SeededRandom random)
    {
        switch (state.Status)
        {
            case AccountStatus.None:
                return new AccountEvent(AccountEventType.Opened, 50 * random.Next(2, 20), Owners[random.Next(Owners.Length)]);
            case AccountStatus.Closed:
                Forget(state.Id);
                return null;
        }
        if (state.Version + 1 >= plannedLength.GetValueOrDefault(state.Id, AccountLength))
        {
            return new AccountEvent(AccountEventType.Closed, state.Balance, "paid out");
        }
        long amount = 10 * random.Next(1, 30);
        return random.Chance(0.55) || state.Balance < 10
            ? new AccountEvent(AccountEventType.Deposited, amount, "at the counter")
            : new AccountEvent(AccountEventType.Withdrawn, Math.Min(amount, state.Balance), "cash");
    }

    internal void NoteLoad(int read, long version, long? snapshotVersion)
    {
        loads++;
        eventsRead += read;
        eventsFromZero += version;
    }

    internal void NoteCorruptSnapshot(TellerNode teller, string accountId, long version) =>
        Log.Append(teller.Id, "snapshot", $"{teller.Label}: the snapshot of {accountId} at v{version} fails its checksum; replaying all events instead");

    internal void NoteConflict(TellerNode teller, string accountId, AppendResult result)
    {
        conflicts.Enqueue(new ConflictView(Clock.Now.TotalSeconds, teller.Id, accountId, result.ExpectedVersion, result.ActualVersion));
        if (conflicts.Count > ConflictsShown)
        {
            conflicts.Dequeue();
        }
    }

    internal void NoteWritten(TellerNode teller, TellerWork work, AccountState after)
    {
        if (SnapshotEvery > 0 && after.Version / SnapshotEvery > work.ExpectedVersion / SnapshotEvery && live.Contains(work.AccountId))
        {
            if (!snapshotsWritten.TryGetValue(work.AccountId, out var versions))
            {
                snapshotsWritten[work.AccountId] = versions = [];
            }
            versions.Add(after.Version);
        }
        switch (work.Purpose)
        {
            case PurposeBad:
                badEvents.Add(new BadEventView(work.AccountId, after.Version, work.Decided!.Amount, work.Decided.Amount / 10, null));
                if (badEvents.Count > BadEventsShown)
                {
                    badEvents.RemoveAt(0);
                }
                Log.Append(teller.Id, "bad event", $"{teller.Label} deposited {work.Decided.Amount} into {work.AccountId} at v{after.Version}; it should have been {work.Decided.Amount / 10}");
                break;
            case PurposeCompensate:
                int index = badEvents.FindIndex(b => b.AccountId == work.AccountId && b.Version == work.Decided!.Corrects);
                if (index >= 0)
                {
                    badEvents[index] = badEvents[index] with { CorrectedBy = after.Version };
                }
                Log.Append(teller.Id, "compensation", $"{teller.Label} corrected v{work.Decided!.Corrects} of {work.AccountId} with v{after.Version} ({work.Decided.Amount})");
                break;
        }
    }

    internal void NoteFinished(TellerWork work, bool wrote)
    {
        if (wrote && work.Decided?.Type == AccountEventType.Closed)
        {
            Forget(work.AccountId);
        }
    }

    private void Forget(string accountId)
    {
        if (live.Remove(accountId))
        {
            plannedLength.Remove(accountId);
            snapshotsWritten.Remove(accountId);
            badEvents.RemoveAll(b => b.AccountId == accountId);
            NoteFollowed();
        }
    }

    private void NoteFollowed()
    {
        Followed = live.Count == 0 ? null : live[0];
    }

    protected override bool AreLinked(SimulationNode a, SimulationNode b) => a == Store || b == Store;

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        var properties = new Dictionary<string, object?>();
        string state = lifecycle;
        switch (node)
        {
            case BankStoreNode store:
                properties[Property.Streams] = store.Store.StreamIds.Count;
                properties[Property.Events] = store.Store.EventCount;
                properties[Property.Head] = store.Store.HeadPosition;
                state = node.IsUp ? $"{store.Store.StreamIds.Count} streams" : lifecycle;
                break;
            case TellerNode teller:
                properties[Property.Working] = teller.Working;
                properties[Property.Conflicts] = teller.Conflicts;
                state = node.IsUp ? (teller.Working is { } account ? $"writing {account}" : "idle") : lifecycle;
                break;
            case ProjectorNode<AccountEvent> projector:
                properties[Property.Checkpoint] = projector.Checkpoint;
                properties[Property.Lag] = projector.Lag;
                properties[Property.Stopped] = projector.IsStopped;
                state = !node.IsUp ? lifecycle : projector.IsStopped ? "stopped" : projector.RebuildTarget is not null ? "rebuilding" : "following";
                break;
        }
        return new NodeView(node.Id, node.Label, state, node.IsUp, lifecycle, properties);
    }

    protected override void SampleMetrics()
    {
        long n = loads - lastSample.Loads;
        if (n > 0)
        {
            lastRead = (double)(eventsRead - lastSample.Read) / n;
            lastFromZero = (double)(eventsFromZero - lastSample.FromZero) / n;
        }
        lastSample = (loads, eventsRead, eventsFromZero);
        Record(readWithSnapshots, lastRead);
        Record(readFromZero, lastFromZero);
        Record(conflictRate, (Store.Store.Conflicts - conflictsAtLastSample) / SampleInterval.TotalSeconds);
        conflictsAtLastSample = Store.Store.Conflicts;
        Record(projectionLag, ProjectionLag);
    }

    protected override object? DescribeDetails() => DetailsOf();
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Queueing;
using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;

namespace PatternDashboard.Simulation.Patterns.ClientServer;

/// <summary>
/// Clients calling a server with a FIFO queue and a fixed number of workers; a spare second server that only the
/// break-it switch puts in service. Faults live in ClientServerFaults.cs, monitors in ClientServerInvariants.cs.
/// </summary>
public sealed partial class ClientServerCluster : SimulationBase
{
    /// <summary>Each point of the latency-versus-utilization chart covers this much simulated time.</summary>
    public static readonly TimeSpan CurveWindow = TimeSpan.FromSeconds(10);

    public const int MaxCurvePoints = 60;

    // The live latency series read the latest answers: enough for a steady p99, few enough to follow a change.
    private const int RecentLatencies = 400;

    private readonly List<ClientNode> clients = [];
    private readonly List<LoadPoint> curve = [];
    private readonly LatencyHistogram sinceReset = new();
    private readonly LatencyHistogram responseSinceReset = new();
    private readonly LatencyHistogram window = new();
    private readonly double[] recent = new double[RecentLatencies];
    private readonly Dictionary<string, (MetricSeries Series, RollingCounter Rate, Func<long> Total)> rates = [];
    private readonly RollingCounter busyLastSecond = new(4);
    private readonly MetricSeries queueSeries, utilizationSeries, p50Series, p99Series, meanSeries;
    private int recentCount, recentNext;
    private long nextRequestId = 1;
    private Baseline statsStart = new(TimeSpan.Zero, null, 0, 0, null);
    private (TimeSpan Time, double Busy) windowStart;

    public ClientServerCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(Descriptor, seed, PatternOptions.Resolve(ClientServerPattern.Options, options))
    {
        Settings = ClientServerSettings.From(Options);
        Network.Conditions = new Network.LinkConditions(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(0.5));
        var serviceTime = ServiceTime.FromRate(Options[Option.ServiceRatePerSecond],
            Options[Option.FixedServiceTime] == 1 ? ServiceTimeShape.Fixed : ServiceTimeShape.Exponential);
        int workers = (int)Options[Option.Workers], queueLimit = (int)Options[Option.QueueLimit];
        ClientCount = (int)Options[Option.Clients];
        Server = new QueueingServer(this, ServerId, "Server 1", workers, queueLimit, serviceTime) { Served = NoteServed };
        SecondServer = new QueueingServer(this, SecondServerId, "Server 2", workers, queueLimit, serviceTime) { Served = NoteServed };
        // On the ring the servers face each other, half the clients between them on each side.
        int total = ClientCount + 2, beforeSecond = total / 2 - 1;
        AddNode(Server);
        for (int i = 1; i <= ClientCount; i++)
        {
            if (i == beforeSecond + 1)
            {
                AddNode(SecondServer);
            }
            var client = new ClientNode(this, ClientId(i), $"Client {i}", i);
            clients.Add(client);
            AddNode(client);
        }
        queueSeries = AddSeries(Metric.QueueLength, "requests");
        utilizationSeries = AddSeries(Metric.Utilization, "%");
        p50Series = AddSeries(Metric.LatencyP50, "ms");
        p99Series = AddSeries(Metric.LatencyP99, "ms");
        meanSeries = AddSeries(Metric.LatencyMean, "ms");
        AddRate(Metric.Answered, () => Tally.Answered);
        AddRate(Metric.Rejected, () => Tally.Rejected);
        AddRate(Metric.TimedOut, () => Tally.TimedOut);
        AddRate(Metric.LateAnswers, () => Tally.LateAnswers);
        Invariants.Add(new ExactlyOneAnswerMonitor(Servers));
        Invariants.Add(new NoStrandedClientsMonitor(this));
        Start();
    }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => ClientServerPattern.Faults;

    public ClientServerSettings Settings { get; private set; }

    public int ClientCount { get; }

    public QueueingServer Server { get; }

    public QueueingServer SecondServer { get; }

    public IReadOnlyList<QueueingServer> Servers => [Server, SecondServer];

    public IReadOnlyList<ClientNode> Clients => clients;

    /// <summary>True while the break-it switch is on: odd clients call server 1, even ones server 2, with no balancer.</summary>
    public bool SecondServerInUse { get; private set; }

    /// <summary>How the clients' requests ended, since the start (details subtract the counts at the last reset).</summary>
    public RequestTally Tally { get; } = new();

    /// <summary>Requests sent to a crashed server while another server in service was up; the monitor expects none.</summary>
    public long StrandedSends { get; private set; }

    /// <summary>When the latest of those was sent; null before any.</summary>
    public TimeSpan? LastStrandedAt { get; private set; }

    public TimeSpan StatsSince => statsStart.Time;

    /// <summary>Time in the server of requests served since the statistics started.</summary>
    public LatencyHistogram LatencySinceReset => sinceReset;

    public IReadOnlyList<LoadPoint> Curve => curve;

    public bool InService(QueueingServer server) => server == Server || SecondServerInUse;

    /// <summary>The one server this client is configured with: no balancer chooses for it.</summary>
    public string ServerFor(ClientNode client) => SecondServerInUse && client.Index % 2 == 0 ? SecondServerId : ServerId;

    internal long NextRequestId() => nextRequestId++;

    internal void NoteSending(string serverId)
    {
        var target = serverId == ServerId ? Server : SecondServer;
        var other = target == Server ? SecondServer : Server;
        if (target.Lifecycle == NodeLifecycle.Crashed && InService(other) && other.IsUp)
        {
            StrandedSends++;
            LastStrandedAt = Clock.Now;
        }
    }

    internal void NoteAnswered(TimeSpan responseTime) => responseSinceReset.Add(responseTime);

    public ClientServerDetails Details()
    {
        var now = Clock.Now;
        var inService = Servers.Where(InService).ToList();
        double elapsed = (now - statsStart.Time).TotalSeconds;
        double busy = inService.Sum(s => s.BusySeconds) - statsStart.Busy(inService);
        double held = inService.Sum(s => s.HeldSeconds) - statsStart.Held(inService);
        long accepted = Servers.Sum(s => s.Ledger.Accepted) - statsStart.Accepted;
        long answered = Servers.Sum(s => s.Ledger.Answered) - statsStart.Answered;
        double utilization = elapsed <= 0 ? 0 : busy / (elapsed * Server.Workers * inService.Count);
        double arrivals = elapsed <= 0 ? 0 : accepted / elapsed;
        var counts = Tally - statsStart.Tally;
        return new ClientServerDetails(
            Settings.ModeWord, Server.ServiceTime.Word, ClientCount, Server.Workers, Server.ServiceTime.RatePerSecond,
            Settings.ArrivalsPerSecond, Settings.ExtraPerSecond, OfferedUtilization(), Settings.Timeout.TotalMilliseconds,
            Settings.Retries > 0, SecondServerInUse, statsStart.Time.TotalSeconds,
            Servers.Sum(s => s.Queued), Servers.Sum(s => s.InSystem), Math.Round(utilization, 4),
            Summary(sinceReset), Summary(responseSinceReset), Theory(arrivals),
            new LittlesLawView(elapsed <= 0 ? 0 : held / elapsed, arrivals, sinceReset.MeanMs, arrivals * sinceReset.MeanMs / 1000),
            new RequestCounts(accepted, answered, counts.Answered, counts.Rejected, counts.TimedOut, counts.Reset, counts.LateAnswers, counts.Retries),
            [.. Servers.Select(View)], [.. curve]);
    }

    /// <summary>The load the clients are set to make, over the capacity of the servers in service (rho).</summary>
    public double OfferedUtilization() =>
        (Settings.ArrivalsPerSecond + Settings.ExtraPerSecond) / (Server.ServiceTime.RatePerSecond * Server.Workers * (SecondServerInUse ? 2 : 1));

    /// <summary>Starts the statistics again from now: latency, utilization, counts and Little's law.</summary>
    public void ResetStatistics()
    {
        sinceReset.Clear();
        responseSinceReset.Clear();
        statsStart = Snapshot();
        Log.Append(null, "stats", "Statistics reset: latency, utilization and counts start again");
    }

    protected override object? DescribeDetails() => Details();

    // Clients only talk to the server they are configured with.
    protected override bool AreLinked(SimulationNode a, SimulationNode b) =>
        (a, b) switch
        {
            (ClientNode client, QueueingServer server) => ServerFor(client) == server.Id,
            (QueueingServer server, ClientNode client) => ServerFor(client) == server.Id,
            _ => false,
        };

    protected override NodeView Describe(SimulationNode node)
    {
        string lifecycle = LifecycleFaults.LifecycleWord(node.Lifecycle);
        if (node is QueueingServer server)
        {
            return new NodeView(node.Id, node.Label, StateOf(server), node.IsUp, lifecycle, new Dictionary<string, object?>
            {
                [Property.Role] = "server",
                [Property.Workers] = server.Workers,
                [Property.Busy] = server.Busy,
                [Property.Queued] = server.Queued,
                [Property.Slowdown] = server.Slowdown,
                [Property.Rejected] = server.Rejected,
            });
        }
        var client = (ClientNode)node;
        return new NodeView(node.Id, node.Label, State.Client, node.IsUp, lifecycle, new Dictionary<string, object?>
        {
            [Property.Role] = "client",
            [Property.Server] = ServerFor(client),
            [Property.Waiting] = client.Waiting,
        });
    }

    protected override void SampleMetrics()
    {
        var now = Clock.Now;
        var inService = Servers.Where(InService).ToList();
        Record(queueSeries, inService.Sum(s => s.Queued));
        double busyGrowth = busyLastSecond.Add(Servers.Sum(s => s.BusySeconds));
        Record(utilizationSeries, Math.Round(100 * Math.Min(1, busyGrowth / (Server.Workers * inService.Count)), 1));
        var latest = recent.AsSpan(0, recentCount).ToArray();
        Array.Sort(latest);
        Record(p50Series, Rank(latest, 0.50));
        Record(p99Series, Rank(latest, 0.99));
        Record(meanSeries, latest.Length == 0 ? 0 : Math.Round(latest.Average(), 1));
        foreach (var (series, rate, total) in rates.Values)
        {
            Record(series, rate.Add(total()));
        }
        if (now - windowStart.Time >= CurveWindow)
        {
            CloseWindow(now, inService);
        }
    }

    private void CloseWindow(TimeSpan now, List<QueueingServer> inService)
    {
        double busy = Servers.Sum(s => s.BusySeconds);
        double seconds = (now - windowStart.Time).TotalSeconds;
        double utilization = (busy - windowStart.Busy) / (seconds * Server.Workers * inService.Count);
        if (window.Count >= 5)
        {
            if (curve.Count == MaxCurvePoints)
            {
                curve.RemoveAt(0);
            }
            curve.Add(new LoadPoint(now.TotalSeconds, Math.Round(Math.Min(1, utilization), 4), Math.Round(OfferedUtilization(), 4),
                Math.Round(window.MeanMs, 2), Math.Round(window.PercentileMs(0.5), 2), Math.Round(window.PercentileMs(0.99), 2), window.Count));
        }
        window.Clear();
        windowStart = (now, busy);
    }

    private void NoteServed(TimeSpan sojourn)
    {
        sinceReset.Add(sojourn);
        window.Add(sojourn);
        recent[recentNext] = sojourn.TotalMilliseconds;
        recentNext = (recentNext + 1) % RecentLatencies;
        recentCount = Math.Min(recentCount + 1, RecentLatencies);
    }

    private TheoryView Theory(double measuredArrivals)
    {
        int servers = SecondServerInUse ? 2 : 1;
        // Open loop: the set rate is lambda. Closed loop: arrivals follow the answers, so the measured rate stands in.
        double lambda = (Settings.ClosedLoop ? measuredArrivals : Settings.ArrivalsPerSecond + Settings.ExtraPerSecond) / servers;
        double mu = Server.ServiceTime.RatePerSecond / Server.Slowdown;
        var shape = Server.ServiceTime.Shape;
        int workers = Server.Workers;
        return new TheoryView(QueueTheory.ModelName(workers, shape), QueueTheory.IsExact(workers, shape),
            Math.Round(QueueTheory.Utilization(lambda, mu, workers), 4),
            Ms(QueueTheory.MeanSojournSeconds(lambda, mu, workers, shape)),
            Ms(QueueTheory.SojournPercentileSeconds(lambda, mu, workers, shape, 0.5)),
            Ms(QueueTheory.SojournPercentileSeconds(lambda, mu, workers, shape, 0.99)));
    }

    private ServerView View(QueueingServer server)
    {
        double elapsed = (Clock.Now - statsStart.Time).TotalSeconds;
        double busy = server.BusySeconds - statsStart.BusyOf(server);
        return new ServerView(server.Id, server.Label, StateOf(server), server.IsUp, InService(server), server.Workers, server.Busy, server.Queued,
            server.Slowdown, server.Ledger.Accepted, server.ServedCount, server.Rejected, server.Resets,
            elapsed <= 0 ? 0 : Math.Round(busy / (elapsed * server.Workers), 4), clients.Count(c => ServerFor(c) == server.Id));
    }

    private string StateOf(QueueingServer server) =>
        !InService(server) ? State.Spare
        : server.Lifecycle == NodeLifecycle.Crashed ? State.Down
        : server.InSystem > 0 ? State.Serving
        : State.Idle;

    private void AddRate(string name, Func<long> total) => rates.Add(name, (AddSeries(name, "per s"), new RollingCounter(4), total));

    private Baseline Snapshot() => new(Clock.Now,
        Servers.ToDictionary(s => s.Id, s => (s.BusySeconds, s.HeldSeconds)),
        Servers.Sum(s => s.Ledger.Accepted), Servers.Sum(s => s.Ledger.Answered), Tally.Copy());

    private static LatencySummary Summary(LatencyHistogram histogram) => new(histogram.Count, Math.Round(histogram.MeanMs, 2),
        Math.Round(histogram.PercentileMs(0.5), 2), Math.Round(histogram.PercentileMs(0.99), 2));

    private static double? Ms(double? seconds) => seconds is { } s ? Math.Round(s * 1000, 2) : null;

    private static double Rank(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);

    /// <summary>The running totals at the moment the statistics started.</summary>
    private sealed record Baseline(
        TimeSpan Time, Dictionary<string, (double Busy, double Held)>? Areas, long Accepted, long Answered, RequestTally? Tally)
    {
        public double BusyOf(QueueingServer server) => Areas?.GetValueOrDefault(server.Id).Busy ?? 0;

        public double Busy(IEnumerable<QueueingServer> servers) => servers.Sum(BusyOf);

        public double Held(IEnumerable<QueueingServer> servers) => servers.Sum(s => Areas?.GetValueOrDefault(s.Id).Held ?? 0);
    }
}

/// <summary>How client requests ended, as running totals.</summary>
public sealed class RequestTally
{
    public long Answered { get; internal set; }

    public long Rejected { get; internal set; }

    public long TimedOut { get; internal set; }

    public long Reset { get; internal set; }

    /// <summary>Answers that came after their client gave up.</summary>
    public long LateAnswers { get; internal set; }

    public long Retries { get; internal set; }

    public RequestTally Copy() => (RequestTally)MemberwiseClone();

    public static RequestTally operator -(RequestTally a, RequestTally? b) => b is null ? a.Copy() : new RequestTally
    {
        Answered = a.Answered - b.Answered,
        Rejected = a.Rejected - b.Rejected,
        TimedOut = a.TimedOut - b.TimedOut,
        Reset = a.Reset - b.Reset,
        LateAnswers = a.LateAnswers - b.LateAnswers,
        Retries = a.Retries - b.Retries,
    };
}

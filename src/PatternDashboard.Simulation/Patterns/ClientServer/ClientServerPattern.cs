using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.ClientServer;

/// <summary>Client-Server: many clients, one server with a FIFO queue and a few workers. Identity, options, faults and explanation.</summary>
public static class ClientServerPattern
{
    public const string Id = "client-server";

    public const string ServerId = "s1";

    /// <summary>The second server, which only the break-it switch puts in service (clients pinned to it, no balancer).</summary>
    public const string SecondServerId = "s2";

    public static string ClientId(int index) => $"c{index}";

    /// <summary>Clients give up this many times at most before they stop retrying a request.</summary>
    public const int RetriesPerRequest = 3;

    public static class Option
    {
        public const string ArrivalsPerSecond = "arrivalsPerSecond";
        public const string ServiceRatePerSecond = "serviceRatePerSecond";
        public const string Workers = "workers";
        public const string Clients = "clients";
        public const string ClosedLoop = "closedLoop";
        public const string FixedServiceTime = "fixedServiceTime";
        public const string QueueLimit = "queueLimit";
        public const string TimeoutMs = "timeoutMs";
    }

    public static class Fault
    {
        public const string SlowServer = "slow-server";
        public const string SetLoad = "set-load";
        public const string AddLoad = "add-load";
        public const string TimeoutAndRetry = "timeout-and-retry";
        public const string ResetStatistics = "reset-statistics";
        public const string SecondServer = "second-server";
    }

    /// <summary>Keys of the node properties pages read (servers: role to rejected; clients: server to waiting).</summary>
    public static class Property
    {
        public const string Role = "role";
        public const string Workers = "workers";
        public const string Busy = "busy";
        public const string Queued = "queued";
        public const string Slowdown = "slowdown";
        public const string Rejected = "rejected";
        public const string Server = "server";
        public const string Waiting = "waiting";
    }

    /// <summary>A node's state word.</summary>
    public static class State
    {
        public const string Serving = "serving";
        public const string Idle = "idle";
        public const string Spare = "spare";
        public const string Down = "down";
        public const string Client = "client";
    }

    /// <summary>Names of the metric series (lessons name them too).</summary>
    public static class Metric
    {
        public const string QueueLength = "queue length";
        public const string Utilization = "utilization";
        public const string LatencyP50 = "latency p50";
        public const string LatencyP99 = "latency p99";
        public const string LatencyMean = "latency mean";
        public const string Answered = "answered/s";
        public const string Rejected = "rejected/s";
        public const string TimedOut = "timed out/s";
        public const string LateAnswers = "late answers/s";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.ArrivalsPerSecond, "Load (arrivals/s)", "Requests per second all clients make together (lambda); in closed loop it sets their think time.", 0, 1000, 5, "per s"),
        new(Option.ServiceRatePerSecond, "Service rate per worker", "Requests per second one worker finishes on average (mu); the mean service time is its inverse.", 0.1, 1000, 10, "per s"),
        new(Option.Workers, "Workers", "Requests the server works on at once; the rest wait in its queue.", 1, 64, 1, "workers", IsInteger: true),
        new(Option.Clients, "Clients", "Client processes sending requests.", 2, 12, 8, "clients", IsInteger: true),
        new(Option.ClosedLoop, "Closed loop", "0: open loop, requests arrive at the set rate whatever happens (Poisson). 1: closed loop, each client waits for its answer, then thinks.", 0, 1, 0, IsInteger: true),
        new(Option.FixedServiceTime, "Fixed service time", "0: service times are exponential (M/M/c). 1: every request takes exactly the mean (M/D/c).", 0, 1, 0, IsInteger: true),
        new(Option.QueueLimit, "Queue limit", "Requests that may wait; one more is rejected at once.", 0, 100_000, 500, "requests", IsInteger: true),
        new(Option.TimeoutMs, "Client timeout", "How long a client waits for an answer before it gives up.", 100, 600_000, 10_000, "ms", IsInteger: true),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        LifecycleFaults.CrashNode with { Description = "Kills a server process: its host resets every open connection, and new requests go unanswered until it restarts." },
        LifecycleFaults.RestartNode with { Description = "Starts a crashed server again, with an empty queue." },
        LifecycleFaults.PauseNode with { Description = "Freezes a server (a long garbage collection): requests pile up unseen and are handled when it resumes." },
        LifecycleFaults.ResumeNode,
        new(Fault.SlowServer, "Slow server", "Every request takes this many times longer on the server (a slow disk, a noisy neighbour).", FaultTarget.Node,
            new FaultParameter("slowdown", 1, 20, "x", 3)),
        new(Fault.SetLoad, "Set load", "Requests per second the clients make together (the load slider).", Parameter: new FaultParameter("load", 0, 1000, "per s", 8), IsInstant: true),
        new(Fault.AddLoad, "Add load", "A burst of extra requests per second on top of the load, until undone.", Parameter: new FaultParameter("extra load", 0, 1000, "per s", 8)),
        new(Fault.TimeoutAndRetry, "Clients time out and retry",
            $"Clients give up after this timeout and send the request again, up to {RetriesPerRequest} times. Near full load this feeds on itself.",
            Parameter: new FaultParameter("timeout", 100, 10_000, "ms", 1000)),
        new(Fault.ResetStatistics, "Reset statistics", "Latency, utilization and counts start again from now, to measure one load level.", IsInstant: true),
        new(Fault.SecondServer, "Break it: a second server, no balancer",
            "Half the clients are pinned to a second server, with no balancer in front: when one server dies, its clients keep failing while the other is idle.",
            IsBreakIt: true)
        {
            // Clients pinned to the crashed first server keep calling it while the second one is up.
            Demonstration = [new FaultRequest(LifecycleFaults.Crash, ServerId)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "Work has to be done somewhere that many users can reach: one program holds the data and the logic, and the " +
                 "others ask it. The question is what happens when more people ask than it can answer, or when it stops answering.",
        HowItWorks: "Clients send requests over the network; the server accepts each into a first-in, first-out queue and a fixed " +
                    "number of workers take them in turn. Every accepted request gets one answer. The time a request takes is its wait " +
                    "in the queue plus its service. Queueing theory says how that grows: with Poisson arrivals at rate lambda and " +
                    "exponential service at rate mu on one worker (M/M/1), the mean time in the server is 1 / (mu - lambda): twice the " +
                    "service time at 50 % load, 5 times at 80 %, 10 times at 90 %. Little's law ties the pieces together: the number " +
                    "of requests held equals the arrival rate times the time each spends (L = lambda W).",
        Benefits:
        [
            "One place holds the data and enforces the rules, so every client sees the same answers.",
            "Clients stay small: they send a request and read an answer.",
            "Easy to reason about: latency, capacity and utilization follow from the queue and its workers.",
        ],
        TradeOffs:
        [
            "The server is a single point of failure: when it crashes, every client's requests fail.",
            "Latency bends upward long before 100 % utilization: a server kept 90 % busy makes requests wait ten service times.",
            "Clients that time out and retry add load exactly when the server is busiest; the queue can collapse and stay collapsed after the load drops (a metastable failure).",
            "Closed-loop clients (each waits for its answer) slow down with the server, which hides the knee from load tests built that way.",
            "A second server without a balancer does not remove the single point of failure: clients pinned to the dead one still fail.",
        ],
        UsedBy:
        [
            "The web itself: browsers and HTTP servers such as Nginx, Apache and Kestrel.",
            "Databases such as PostgreSQL and MySQL, each a server its applications connect to.",
            "Mail (SMTP, IMAP), DNS and file servers.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Client-Server",
        "Clients send requests to a server with a queue and a few workers: raise the load and watch latency bend upward beside the M/M/1 theory, crash the server, let clients retry into a collapse.",
        Info,
        Options,
        (seed, options) => new ClientServerCluster(seed, options));
}

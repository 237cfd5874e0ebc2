using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>How a saga is driven: by one coordinator, or by services reacting to each other's events.</summary>
public enum SagaStyle
{
    Orchestration,
    Choreography,
}

/// <summary>One step of the order saga: the service that runs it, what it does and what undoes it (null for the last).</summary>
public sealed record SagaStep(int Number, string Service, string Action, string? Compensation);

/// <summary>
/// How a choreographed service reacts to an event on the broker: the step it runs (or compensates), and what it
/// publishes when that is done or refused. Null: nothing follows.
/// </summary>
public sealed record Reaction(string Topic, string Service, int Step, bool Undo, string? OnDone, string? OnRefused)
{
    public string Subscription => $"{Service}.{Topic}";
}

/// <summary>Saga on the simulated network and broker: identity, names pages read, options, faults and explanation.</summary>
public static class SagaPattern
{
    public const string Id = "saga";

    public const string ShopId = "shop";
    public const string CoordinatorId = "coordinator";
    public const string BrokerId = BrokerNode.BrokerId;

    /// <summary>The saga's definition, T1..T4; a failure at step k runs the compensations of k-1 down to 1.</summary>
    public static IReadOnlyList<SagaStep> Steps { get; } =
    [
        new(1, "orders", "place order", "cancel order"),
        new(2, "payment", "take payment", "refund"),
        new(3, "inventory", "reserve stock", "release stock"),
        new(4, "shipping", "ship", null),
    ];

    public static SagaStep Step(int number) => Steps[number - 1];

    /// <summary>The events of choreography; an event's id is (saga, position here), the same on every retry.</summary>
    public static IReadOnlyList<string> Topics { get; } =
    [
        "order-placed", "payment-taken", "payment-failed", "stock-reserved", "stock-failed",
        "order-shipped", "shipping-failed", "stock-released", "payment-refunded",
    ];

    /// <summary>
    /// Choreography as a table: no one holds a saga's state; each service knows only which events it reacts to. The
    /// compensations chain backwards (shipping failed, stock released, payment refunded, order cancelled), so they run in reverse.
    /// </summary>
    public static IReadOnlyList<Reaction> Reactions { get; } =
    [
        new("order-placed", "payment", 2, false, "payment-taken", "payment-failed"),
        new("payment-taken", "inventory", 3, false, "stock-reserved", "stock-failed"),
        new("stock-reserved", "shipping", 4, false, "order-shipped", "shipping-failed"),
        new("shipping-failed", "inventory", 3, true, "stock-released", null),
        new("stock-failed", "payment", 2, true, "payment-refunded", null),
        new("stock-released", "payment", 2, true, "payment-refunded", null),
        new("payment-failed", "orders", 1, true, null, null),
        new("payment-refunded", "orders", 1, true, null, null),
        // The orders service closes the order; nothing is to run or undo.
        new("order-shipped", "orders", 0, false, null, null),
    ];

    /// <summary>An event's number, 1-based, the sequence part of its message id.</summary>
    public static int TopicNumber(string topic) => Topics.ToList().IndexOf(topic) + 1;

    /// <summary>What the orders service publishes once it placed an order from the shop.</summary>
    public const string FirstEvent = "order-placed";

    /// <summary>The node id of a step's service in one style: o-payment (orchestrated), c-payment (choreographed).</summary>
    public static string ServiceId(SagaStyle style, string service) => (style == SagaStyle.Orchestration ? "o-" : "c-") + service;

    public static string StyleWord(SagaStyle style) => style == SagaStyle.Orchestration ? "orchestrated" : "choreographed";

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string OrchestratedInFlight = "orchestrated in flight";
        public const string ChoreographedInFlight = "choreographed in flight";
        public const string OrchestratedCompleted = "orchestrated completed/s";
        public const string ChoreographedCompleted = "choreographed completed/s";
    }

    /// <summary>Keys of the node properties pages read.</summary>
    public static class Property
    {
        public const string Style = "style";
        public const string Step = "step";
        public const string Working = "working";
        public const string Sagas = "sagas";
        public const string LogEntries = "logEntries";
        public const string Outbox = "outbox";
        public const string FailureRate = "failureRate";
        public const string ErrorRate = "errorRate";
        public const string TimeoutRate = "timeoutRate";
    }

    public static class Option
    {
        public const string OrderRate = "orderRate";
        public const string Styles = "styles";
        public const string DeclinePercent = "declinePercent";
        public const string OutOfStockPercent = "outOfStockPercent";
        public const string ShippingFailPercent = "shippingFailPercent";
        public const string TransientPercent = "transientPercent";
        public const string ServiceTimeMs = "serviceTimeMs";
        public const string StepTimeoutMs = "stepTimeoutMs";
        public const string CompensationAttempts = "compensationAttempts";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    /// <summary>Values of <see cref="Option.Styles"/>.</summary>
    public const int BothStyles = 0;
    public const int OrchestrationOnly = 1;
    public const int ChoreographyOnly = 2;

    public static class Fault
    {
        public const string PlaceOrder = "place-order";
        public const string FailNext = "fail-next-step";
        public const string TimeoutNext = "timeout-next-step";
        public const string FailureRate = "step-failure-rate";
        public const string ErrorRate = "transient-errors";
        public const string TimeoutRate = "step-timeouts";
        public const string NoCompensations = "no-compensations";
        public const string NonIdempotent = "non-idempotent-steps";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.OrderRate, "Orders", "Orders placed per second; the same orders go to every style that runs.", 0, 20, 1, "per s"),
        new(Option.Styles, "Styles", "0: orchestration and choreography side by side on the same orders; 1: orchestration only; 2: choreography only.", 0, 2, BothStyles, IsInteger: true),
        new(Option.DeclinePercent, "Payments declined", "Share of orders whose payment is declined (step 2 fails).", 0, 100, 5, "%"),
        new(Option.OutOfStockPercent, "Out of stock", "Share of orders the inventory cannot reserve (step 3 fails).", 0, 100, 5, "%"),
        new(Option.ShippingFailPercent, "No courier", "Share of orders shipping cannot take (step 4 fails).", 0, 100, 2, "%"),
        new(Option.TransientPercent, "Transient errors", "Share of attempts, steps and compensations alike, that fail for a moment and are retried.", 0, 90, 5, "%"),
        new(Option.ServiceTimeMs, "Service time", "Mean time a service takes for one step.", 1, 2000, 40, "ms"),
        new(Option.StepTimeoutMs, "Step timeout", "How long one attempt may take before it is retried.", 50, 10000, 600, "ms", IsInteger: true),
        new(Option.CompensationAttempts, "Compensation attempts", "Attempts a compensation gets before its saga is reported stuck.", 1, 20, 8, IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 500, 10, "ms"),
    ];

    private static FaultParameter StepParameter => new("step", 1, 4, "", 3);

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        LifecycleFaults.CrashNode with { Description = "Stops a node: the coordinator (it resumes every saga from its log), a service, the broker or the shop. It answers nothing until restarted." },
        LifecycleFaults.RestartNode,
        new(Fault.PlaceOrder, "Place an order", "A customer places one order now, besides the stream; it goes to every style that runs.", IsInstant: true),
        new(Fault.FailNext, "Fail the next step", "The next order to reach step k is refused there (declined, out of stock...), in every style; its saga compensates k-1 down to 1.",
            Parameter: StepParameter, IsInstant: true),
        new(Fault.TimeoutNext, "Time out the next step", "The next attempt of step k is carried out but answered too late, in every style: it is retried, and idempotency makes the retry harmless.",
            Parameter: StepParameter, IsInstant: true),
        new(Fault.FailureRate, "Step failure rate", "This service refuses this share of the orders reaching its step.", FaultTarget.Node,
            new FaultParameter("refused", 0, 100, "%", 50)),
        new(Fault.ErrorRate, "Transient errors", "This service fails this share of attempts for a moment, compensations included; at 100 % a compensation gives up and its saga is stuck.",
            FaultTarget.Node, new FaultParameter("errors", 0, 100, "%", 100)),
        new(Fault.TimeoutRate, "Step timeouts", "This service answers this share of attempts too late, after doing the work.", FaultTarget.Node,
            new FaultParameter("late", 0, 100, "%", 50)),
        NetworkFaults.DuplicateMessages with { Description = "Delivers this share of messages twice: commands, replies, events and acknowledgements." },
        NetworkFaults.DelayMessages with { Description = "Adds delay to every message, the broker's included." },
        NetworkFaults.LoseMessages,
        new(Fault.NoCompensations, "Break it: no compensations", "A failed saga just stops: nothing is refunded or released, so money is taken for goods that never ship.", IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Fault.FailNext, Value: 3), new FaultRequest(Fault.FailNext, Value: 4)],
        },
        new(Fault.NonIdempotent, "Break it: non-idempotent steps", "Services apply every command or event they receive, so a duplicate or a retry charges, reserves or ships twice.", IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(NetworkFaults.Duplicate, Value: 30)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "An order touches several services, each with its own database: orders, payment, inventory, shipping. No single " +
                 "transaction spans them, yet the customer must end up either with the goods and a charge, or with neither.",
        HowItWorks: "A saga runs the order as a sequence of local transactions T1..T4, each with a compensating action that undoes it " +
                    "(cancel order, refund, release stock). If step k fails, the compensations of k-1 down to 1 run, in reverse. " +
                    "In orchestration a coordinator drives each saga as a state machine and writes every transition to a durable log, " +
                    "so after a crash it resumes from the log. In choreography each service reacts to the previous one's event on a " +
                    "broker and no one holds the saga's state. Steps are retried with backoff, so each is idempotent, keyed by saga and step.",
        Benefits:
        [
            "Consistency across services without distributed locks or two-phase commit.",
            "Each service keeps its own data and its own local transactions.",
            "Orchestration makes the flow explicit and easy to follow; choreography keeps services decoupled.",
        ],
        TradeOffs:
        [
            "No isolation: others see the intermediate states (money taken, stock not yet reserved).",
            "Every step needs a compensation, and compensations must themselves be retried and idempotent.",
            "A compensation that keeps failing needs a person: the saga is stuck and must be reported.",
            "In choreography the flow is spread over services and hard to trace; in orchestration the coordinator is one more critical part.",
        ],
        UsedBy:
        [
            "Temporal, Camunda and AWS Step Functions run orchestrated sagas with durable state.",
            "MassTransit and NServiceBus offer saga state machines over message brokers.",
            "E-commerce and travel booking (flight, hotel, car) built on microservices.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Saga (orchestration and choreography)",
        "One stream of orders through payment, inventory and shipping, orchestrated and choreographed side by side; a failed step compensates the earlier ones in reverse.",
        Info,
        Options,
        (seed, options) => new SagaCluster(seed, options));
}

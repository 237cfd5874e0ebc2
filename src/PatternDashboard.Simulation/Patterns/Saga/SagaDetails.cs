namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>One saga as the page draws it: each step and compensation in words (pending, running, done, failed, skipped).</summary>
/// <param name="Compensations">Of steps 1..3, in step order; the page draws them in reverse.</param>
/// <param name="CompensationOrder">Step numbers in the order their compensations took effect.</param>
public sealed record SagaView(
    int Number,
    int Value,
    int Quantity,
    string Status,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Compensations,
    IReadOnlyList<int> Attempts,
    int FailedAt,
    IReadOnlyList<int> CompensationOrder,
    double StartedAt,
    double? EndedAt,
    string? StuckReason);

/// <summary>How many sagas of one style are where; started counts every one since the run began.</summary>
public sealed record SagaCounts(long Started, long Completed, int Compensating, long Compensated, long Stuck, long Abandoned, int InFlight);

/// <summary>One service's own state: what it did and undid, and its money or items.</summary>
public sealed record ServiceView(
    string NodeId,
    string Label,
    string Service,
    int Step,
    bool Up,
    long Applied,
    long Undone,
    long Refused,
    long DuplicatesSkipped,
    long Amount,
    long AmountUndone,
    long Items,
    long ItemsUndone,
    int Working);

/// <summary>The books over every saga of a style: what payments kept and what shipped should agree once nothing is in flight.</summary>
public sealed record Books(long MoneyTaken, long MoneyRefunded, long ShippedValue, long StockReserved, long StockReleased, long StockShipped);

/// <summary>The events of one subscription waiting on the broker (choreography).</summary>
public sealed record EventQueueView(string Topic, string Service, int Queued, int Leased);

/// <summary>A line of the coordinator's log as the page shows it.</summary>
public sealed record LogLine(double Time, int Saga, string Kind, int Step);

/// <summary>One style's part of the page.</summary>
/// <param name="CoordinatorLog">Orchestration only: the newest entries, newest first.</param>
/// <param name="EventQueues">Choreography only: events waiting per subscription, and those in service outboxes.</param>
public sealed record StyleDetails(
    string Style,
    SagaCounts Counts,
    IReadOnlyList<SagaView> Sagas,
    IReadOnlyList<ServiceView> Services,
    Books Books,
    IReadOnlyList<LogLine>? CoordinatorLog,
    int? OpenInLog,
    bool? CoordinatorUp,
    long? Resumed,
    IReadOnlyList<EventQueueView>? EventQueues,
    int? EventsInOutboxes);

/// <summary>What the Saga page shows beyond the nodes.</summary>
public sealed record SagaDetails(
    IReadOnlyList<StyleDetails> Styles,
    IReadOnlyList<SagaStep> Definition,
    bool NoCompensations,
    bool Idempotent,
    long OrdersPlaced,
    int OrdersWaiting,
    double OrderRate);

using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Simulation.Patterns.EventDriven;

/// <summary>One service as the page shows it: its consumer, its own state and how far behind it is.</summary>
/// <param name="Records">What its state holds (profiles, contacts, emails sent...).</param>
/// <param name="Expected">Events it must process (with direct calls: registrations that succeeded since it subscribed, called or not).</param>
/// <param name="KnownToSignup">True when the sign-up service calls it directly in synchronous mode.</param>
public sealed record ServiceDetails(
    string Name,
    string Label,
    string NodeId,
    string StateNoun,
    string Lifecycle,
    double ProcessingMs,
    long Records,
    long Expected,
    int Backlog,
    double LagSeconds,
    bool KnownToSignup);

/// <summary>What the Event-Driven page shows beyond the nodes.</summary>
/// <param name="SuccessRate">Share of registrations that succeeded over the last second, 0 to 1, or null when there were none.</param>
/// <param name="LatencyMs">Mean time a registration took over the last second, or null when there were none.</param>
public sealed record EventDrivenDetails(
    bool Synchronous,
    long Registrations,
    long Succeeded,
    long Failed,
    int PendingCalls,
    double? SuccessRate,
    double? LatencyMs,
    IReadOnlyList<ServiceDetails> Services,
    MessagingDetails Messaging);

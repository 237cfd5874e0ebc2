using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Web.Components.Patterns.PubSub;

/// <summary>One row per subscription: its consumers, queue depth against capacity, lag and what happened to its messages.</summary>
public partial class SubscriptionQueues
{
    /// <summary>The subscriptions as the snapshot shows them. Default: none.</summary>
    [Parameter] public IReadOnlyList<SubscriptionDetails> Subscriptions { get; set; } = [];

    /// <summary>Messages a subscription may hold, for the depth bar. Default: 0 (no bar).</summary>
    [Parameter] public int QueueCapacity { get; set; }
}

using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Web.Components.Patterns.PubSub;

/// <summary>The broker's counters as numbers, with losses and double effects marked, and the two "break it" switches in words.</summary>
public partial class MessagingCounters
{
    /// <summary>The counters; null shows zeros. Default: null.</summary>
    [Parameter] public MessagingDetails? Details { get; set; }

    /// <summary>The accessible name of the list. Default: "Message counters".</summary>
    [Parameter] public string Title { get; set; } = "Message counters";

    private static string BadWhenAny(long? count) => count > 0 ? "big bad" : "big";
}

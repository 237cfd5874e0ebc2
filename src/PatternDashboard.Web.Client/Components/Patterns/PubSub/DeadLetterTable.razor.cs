using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Patterns.PubSub;

/// <summary>The newest dead letters of every subscription, and the action that sends them all back for another try.</summary>
public partial class DeadLetterTable
{
    private string? error;
    private bool busy;

    /// <summary>The subscriptions with their newest dead letters. Default: none.</summary>
    [Parameter] public IReadOnlyList<SubscriptionDetails> Subscriptions { get; set; } = [];

    /// <summary>Where the replay goes. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>False for a viewer who may only watch: the table shows, the replay button does not. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private List<(string Subscription, DeadLetter Letter)> Letters =>
        [.. Subscriptions.SelectMany(s => s.DeadLetters.Select(letter => (s.Name, letter))).OrderByDescending(x => x.letter.Time)];

    private string Summary
    {
        get
        {
            int total = Subscriptions.Sum(s => s.DeadLetterCount);
            return total == 0 ? "The dead-letter queues are empty." : $"{total} dead letters (newest first, up to {MessagingCluster.DeadLettersShown} per subscription).";
        }
    }

    private async Task ReplayAsync()
    {
        if (!CanControl)
        {
            return;
        }
        busy = true;
        error = await SafeRun.TryAsync(() => Session.InjectFaultAsync(new FaultRequest(PubSubPattern.Fault.ReplayDeadLetters)));
        busy = false;
    }
}

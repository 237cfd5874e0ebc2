using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.EventDriven;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.EventDriven;

/// <summary>How registrations fare from the producer's side: mode, counts, recent success rate and latency.</summary>
public partial class RegistrationStats
{
    /// <summary>The details; null shows zeros. Default: null.</summary>
    [Parameter] public EventDrivenDetails? Details { get; set; }

    private static string Percent(double? share) => share is { } s ? $"{UiFormat.Number(Math.Round(s * 100))} %" : "—";

    private static string Milliseconds(double? ms) => ms is { } m ? $"{UiFormat.Number(Math.Round(m))} ms" : "—";
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Microservices;

namespace PatternDashboard.Web.Components.Patterns.Microservices;

/// <summary>What a person can do right now: each feature, the services it needs, and whether it works.</summary>
public partial class FeatureTable
{
    /// <summary>The pattern's details; nothing is drawn without them. Default: null.</summary>
    [Parameter] public MicroservicesDetails? Details { get; set; }

    private static string Mark(string status) => status switch
    {
        "works" => "✓",
        "degraded" => "!",
        _ => "✗",
    };

    private static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);
}

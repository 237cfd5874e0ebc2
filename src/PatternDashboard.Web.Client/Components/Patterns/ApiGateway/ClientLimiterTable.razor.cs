using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.ApiGateway;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.ApiGateway;

/// <summary>One row per client: its rate, what the gateway allowed, limited and refused, its limiter's gauge and its peak burst.</summary>
public partial class ClientLimiterTable
{
    /// <summary>The pattern's details; nothing is drawn without them. Default: null.</summary>
    [Parameter] public ApiGatewayDetails? Details { get; set; }

    private static double Percent(double level, double max) => max <= 0 ? 0 : Math.Clamp(level / max * 100, 0, 100);

    private static string LevelHeading(ApiGatewayDetails details) =>
        details.Limiter == ApiGatewayPattern.Limiter.FixedWindow ? "Requests left in window" : "Tokens in bucket";

    /// <summary>The fact the peak column is read against: the bucket's bound over the span, and what a fixed window allows around an edge.</summary>
    private static string Bounds(ApiGatewayDetails details) =>
        $"In any {UiFormat.Number(details.PeakSpanSeconds)} s a token bucket lets through at most capacity + rate x t = " +
        $"{UiFormat.Number(details.BucketPeakBound)} requests; a fixed window of {details.WindowLimit} per {UiFormat.Number(details.WindowSeconds)} s " +
        $"lets up to {details.WindowPeakBound} through around a window edge.";
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Sidecar;

namespace PatternDashboard.Web.Components.Patterns.Sidecar;

/// <summary>The latest traced request: each hop from the clients through the proxy, the app, the remote's proxy and the remote app, with its time.</summary>
public partial class RequestTraceTable
{
    /// <summary>The latest finished trace, or null before the first. Default: null.</summary>
    [Parameter] public TracedRequest? Trace { get; set; }

    private static string SidecarShare(TracedRequest trace) =>
        trace.TotalMs == 0 ? "0 %" : (trace.SidecarMs / trace.TotalMs).ToString("P0", CultureInfo.InvariantCulture);
}

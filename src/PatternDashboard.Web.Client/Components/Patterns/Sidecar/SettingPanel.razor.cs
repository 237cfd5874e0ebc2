using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Sidecar;
using static PatternDashboard.Web.Components.Shared.UiFormat;

namespace PatternDashboard.Web.Components.Patterns.Sidecar;

/// <summary>The setting as asked for, as the proxy runs it, and as the app's build has it; with break it on, the redeploys it cost.</summary>
public partial class SettingPanel
{
    /// <summary>The pattern's details; nothing is drawn without them. Default: null.</summary>
    [Parameter] public SidecarDetails? Details { get; set; }

    private static string RedeployText(RedeployView redeploy)
    {
        string now = redeploy.State switch
        {
            "building" => $"building a new app, {Number(redeploy.StepEndsIn)} s left; ",
            "down: redeploying" => $"the app is down for its redeploy, {Number(redeploy.StepEndsIn)} s left; ",
            _ => "",
        };
        return redeploy.Redeploys == 0
            ? now + "none: settings change live in the sidecar"
            : now + $"{redeploy.Redeploys}; the last took the app down {Number(redeploy.LastDowntimeSeconds)} s and {redeploy.FailedDuringLast} requests failed";
    }
}

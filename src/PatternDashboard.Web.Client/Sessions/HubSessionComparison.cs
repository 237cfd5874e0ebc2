using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

/// <summary>A comparison driven from the browser: each call is the public hub's (docs/hub-api.md, "Comparisons").</summary>
public sealed class HubSessionComparison(HubConnection hub, ComparisonInfo info) : ISessionComparison
{
    public ComparisonInfo Info => info;

    public Task ControlAsync(ControlAction action, double? value = null) =>
        HubCalls.Run(() => hub.InvokeAsync("ControlComparison", info.Id, new ControlInput { Action = action.ToString().ToLowerInvariant(), Value = value }));

    public Task<ComparisonFaults> InjectFaultAsync(FaultRequest request, ComparisonSide side = ComparisonSide.Both) =>
        HubCalls.Run(() => hub.InvokeAsync<ComparisonFaults>("InjectComparisonFault", info.Id,
            new FaultInput { FaultId = request.FaultId, Target = request.Target, Value = request.Value }, SideName(side)));

    public Task ClearFaultAsync(ComparisonSide side, string activeFaultId) =>
        HubCalls.Run(() => hub.InvokeAsync("ClearComparisonFault", info.Id, SideName(side), activeFaultId));

    public Task ShowDamageAsync(string switchId, ComparisonSide side = ComparisonSide.Both) =>
        HubCalls.Run(() => hub.InvokeAsync("ShowComparisonDamage", info.Id, switchId, SideName(side)));

    public Task RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default) =>
        HubCalls.Run(() => hub.InvokeAsync("RunComparisonFor", info.Id, simulatedTime.TotalSeconds, cancellationToken));

    public Task TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default) =>
        HubCalls.Run(() => hub.InvokeAsync("TravelComparisonTo", info.Id, simulatedTime.TotalSeconds, cancellationToken));

    public Task<ComparisonRecording> ExportAsync() => HubCalls.Run(() => hub.InvokeAsync<ComparisonRecording>("ExportComparison", info.Id));

    public Task EndAsync() => HubCalls.Run(() => hub.InvokeAsync("EndComparison", info.Id));

    public static string SideName(ComparisonSide side) => side.ToString().ToLowerInvariant();
}

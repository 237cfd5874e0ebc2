using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>
/// A comparison works on every registered pattern: the copy with a break-it switch keeps the other run's clock, a fault
/// reaches both at one simulated moment, and both runs come back from their file as they were.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ComparisonContractTests(DashboardFactory app)
{
    public static TheoryData<string> PatternIds => [.. PatternCatalog.CreateRegistry().All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task Comparison_KeepsOneClock_GivesFaultsToBoth_AndComesBackFromItsFile(string patternId)
    {
        await using var hub = await app.ConnectAsync();
        var run = (await hub.InvokeAsync<SessionCreated>("CreateSession", patternId, new { seed = 21 })).SessionId;
        await hub.InvokeAsync<SnapshotInfo>("RunFor", run, 3.0);
        var faults = await hub.InvokeAsync<IReadOnlyList<FaultInfo>>("ListFaults", run);
        var breakIt = faults.First(f => f.IsBreakIt);
        var fault = faults.First(f => f is { IsBreakIt: false, IsInstant: false });

        var compared = await hub.InvokeAsync<ComparisonInfo>("CreateComparison", run, new { faultId = breakIt.Id });
        await hub.InvokeAsync("RunComparisonFor", compared.Id, 4.0);
        var given = await hub.InvokeAsync<ComparisonFaults>("InjectComparisonFault", compared.Id,
            new { faultId = fault.Id, target = fault.Targets?[0], value = fault.Parameter?.Default }, "both");
        await hub.InvokeAsync("RunComparisonFor", compared.Id, 3.0);
        var without = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", compared.WithoutSessionId);
        var with = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", compared.WithSessionId);

        Assert.Equal((run, 3.0), (compared.WithoutSessionId, compared.Since));
        Assert.Equal(10.0, without.SimulatedTime, 6);
        Assert.Equal(without.SimulatedTime, with.SimulatedTime);
        Assert.Equal(7.0, given.Without!.SinceTime, 6);
        Assert.Equal(given.Without.SinceTime, given.With!.SinceTime);
        Assert.DoesNotContain(without.ActiveFaults, f => f.FaultId == breakIt.Id);
        Assert.Contains(with.ActiveFaults, f => f.FaultId == breakIt.Id && f.SinceTime == 3.0);
        Assert.Equal(compared, without.Comparison);

        var file = await hub.InvokeAsync<JsonElement>("ExportComparison", compared.Id);
        await hub.InvokeAsync("CloseSession", run);
        var reopened = await hub.InvokeAsync<ComparisonInfo>("ImportComparison", file);
        var withoutAgain = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", reopened.WithoutSessionId);
        var withAgain = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", reopened.WithSessionId);

        Assert.Equal((compared.Difference, compared.Since), (reopened.Difference, reopened.Since));
        Assert.Equal((7.0, 7.0), (withoutAgain.SimulatedTime, withAgain.SimulatedTime));
        Assert.Equal(without.ActiveFaults.Select(f => f.FaultId), withoutAgain.ActiveFaults.Select(f => f.FaultId));
        Assert.Equal(with.ActiveFaults.Select(f => f.FaultId), withAgain.ActiveFaults.Select(f => f.FaultId));

        await hub.InvokeAsync("TravelComparisonTo", reopened.Id, 5.0);
        var withoutJumped = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", reopened.WithoutSessionId);
        var withJumped = await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", reopened.WithSessionId);
        Assert.Equal((5.0, 5.0), (withoutJumped.SimulatedTime, withJumped.SimulatedTime));
        Assert.Contains(withJumped.ActiveFaults, f => f.FaultId == breakIt.Id);
        Assert.DoesNotContain(withoutJumped.ActiveFaults, f => f.FaultId == breakIt.Id);
    }
}

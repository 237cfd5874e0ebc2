using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>Bookmarks work on every registered pattern: one survives export and import, and jumping to it shows that moment again.</summary>
[Collection(DashboardCollection.Name)]
public sealed class BookmarkContractTests(DashboardFactory app)
{
    public static TheoryData<string> PatternIds => [.. PatternCatalog.CreateRegistry().All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task Bookmark_SurvivesExportAndImport_AndJumpingToItShowsThatMoment(string patternId)
    {
        await using var hub = await app.ConnectAsync();
        var run = (await hub.InvokeAsync<SessionCreated>("CreateSession", patternId, new { seed = 21 })).SessionId;
        var marked = await hub.InvokeAsync<SnapshotInfo>("RunFor", run, 3.0);
        var bookmark = await hub.InvokeAsync<Bookmark>("AddBookmark", run, new { name = "Three seconds in" });
        await hub.InvokeAsync<SnapshotInfo>("RunFor", run, 2.0);

        var recording = await hub.InvokeAsync<JsonElement>("ExportRecording", run);
        await hub.InvokeAsync("CloseSession", run);
        var imported = (await hub.InvokeAsync<SessionImported>("ImportRecording", recording)).SessionId;
        var restored = Assert.Single(await hub.InvokeAsync<IReadOnlyList<Bookmark>>("ListBookmarks", imported));
        var jumped = await hub.InvokeAsync<SnapshotInfo>("TravelTo", imported, restored.Time);
        await hub.InvokeAsync("CloseSession", imported);

        Assert.Equal((bookmark.Name, bookmark.Time), (restored.Name, restored.Time));
        Assert.Equal((marked.SimulatedTime, marked.EventCount), (jumped.SimulatedTime, jumped.EventCount));
    }
}

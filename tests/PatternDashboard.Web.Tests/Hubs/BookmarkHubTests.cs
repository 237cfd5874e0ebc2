using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>Bookmarks through the hub: named moments, kept through export and import, dropped by a branch that replaces them.</summary>
[Collection(DashboardCollection.Name)]
public sealed class BookmarkHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection hub = null!;
    private string sessionId = "";

    public async Task InitializeAsync()
    {
        hub = await app.ConnectAsync();
        sessionId = (await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, new { seed = 7 })).SessionId;
        await hub.InvokeAsync<SnapshotInfo>("RunFor", sessionId, 6.0);
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private Task<Bookmark> Add(string name, double? time = null) => hub.InvokeAsync<Bookmark>("AddBookmark", sessionId, new { name, time });

    private Task<IReadOnlyList<Bookmark>> List(string? id = null) => hub.InvokeAsync<IReadOnlyList<Bookmark>>("ListBookmarks", id ?? sessionId);

    [Fact]
    public async Task Added_AreListedInTimeOrder_ForAnyViewer_AndTheTimelineCountsTheChange()
    {
        int before = (await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId)).Timeline!.BookmarksVersion;
        var now = await Add("  Now  ");
        var early = await Add("Early", 1.5);

        Assert.Equal("Now", now.Name);
        Assert.Equal(6, now.Time, 3);
        await using var viewer = await app.ConnectAsync();
        Assert.Equal([early, now], await List(), EqualityComparer<Bookmark>.Default);
        Assert.Equal([early, now], await viewer.InvokeAsync<IReadOnlyList<Bookmark>>("ListBookmarks", sessionId));
        Assert.Equal(before + 2, (await hub.InvokeAsync<SnapshotInfo>("GetSnapshot", sessionId)).Timeline!.BookmarksVersion);

        await hub.InvokeAsync("RemoveBookmark", sessionId, early.Id);
        Assert.Equal([now], await List());
    }

    [Fact]
    public async Task Now_AtAMomentBetweenRoundNumbers_IsAcceptedAndNeverPastTheRunsEnd()
    {
        var at = await hub.InvokeAsync<SnapshotInfo>("RunFor", sessionId, 0.0004997);

        var now = await Add("Between");

        Assert.True(now.Time <= at.SimulatedTime, $"{now.Time} is past {at.SimulatedTime}");
        Assert.Equal(at.SimulatedTime, now.Time, 5);
    }

    [Theory]
    [InlineData("", null, "needs a name")]
    [InlineData("Later", 60.0, "ahead of it")]
    [InlineData("Before", -1.0, "0 s or more")]
    [InlineData("a name of more than sixty characters, which nobody can read on a scrubber", null, "at most 60 characters")]
    [InlineData("two\nlines", null, "one line")]
    public async Task BadInput_IsRefusedInWords_AndAddsNothing(string name, double? time, string message)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => Add(name, time));

        Assert.Contains(message, error.Message);
        Assert.Empty(await List());
    }

    [Fact]
    public async Task AnotherConnection_CannotAddOrRemove()
    {
        var mine = await Add("Mine");
        await using var other = await app.ConnectAsync();

        await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<Bookmark>("AddBookmark", sessionId, new { name = "Theirs" }));
        await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync("RemoveBookmark", sessionId, mine.Id));
        var unknown = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("RemoveBookmark", sessionId, "b999"));
        Assert.Contains($"Its bookmarks: {mine.Id}", unknown.Message);
        Assert.Equal([mine], await List());
    }

    [Fact]
    public async Task ExportedWithTheRecording_ImportedAgain_AndJumpedTo()
    {
        await Add("Crash", 2.25);
        await Add("End");

        var recording = await hub.InvokeAsync<JsonElement>("ExportRecording", sessionId);
        var names = recording.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetProperty("name").GetString());
        Assert.Equal(["Crash", "End"], names);

        await hub.InvokeAsync("CloseSession", sessionId);
        var imported = (await hub.InvokeAsync<SessionImported>("ImportRecording", recording)).SessionId;
        var restored = await List(imported);
        Assert.Equal(["Crash", "End"], restored.Select(b => b.Name));

        var jumped = await hub.InvokeAsync<SnapshotInfo>("TravelTo", imported, restored[0].Time);
        Assert.Equal(2.25, jumped.SimulatedTime, 3);
    }

    [Fact]
    public async Task ImportedRecording_WithABadBookmark_IsRefusedSayingWhich()
    {
        await Add("Fine", 1);
        var recording = JsonNode.Parse((await hub.InvokeAsync<JsonElement>("ExportRecording", sessionId)).GetRawText())!;
        recording["bookmarks"]!.AsArray().Add(new JsonObject { ["timeTicks"] = 10, ["name"] = " " });

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SessionImported>("ImportRecording", recording));

        Assert.Contains("Bookmark 2 of the recording: A bookmark needs a name.", error.Message);
    }

    [Fact]
    public async Task ABranch_DropsTheOlderBookmarksAfterItsStart_ALookBackKeepsThem()
    {
        await Add("Early", 1);
        await Add("Late", 5);

        await hub.InvokeAsync<SnapshotInfo>("TravelTo", sessionId, 3.0);
        Assert.Equal(["Early", "Late"], (await List()).Select(b => b.Name));

        await hub.InvokeAsync<SnapshotInfo>("RunFor", sessionId, 1.0);
        await Add("Branch");
        Assert.Equal(["Early", "Branch"], (await List()).Select(b => b.Name));
    }

    [Fact]
    public async Task Reset_StartsWithoutBookmarks()
    {
        await Add("Gone");

        await hub.InvokeAsync<SnapshotInfo>("Control", sessionId, new { action = "reset" });

        Assert.Empty(await List());
    }
}

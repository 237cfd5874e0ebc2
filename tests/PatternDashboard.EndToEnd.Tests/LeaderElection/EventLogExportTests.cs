using System.Text.Json;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

[Collection(EndToEndCollection.Name)]
public sealed class EventLogExportTests(AppServerFixture app, BrowserFixture browser)
{
    private static readonly string[] EventFields = ["sequence", "time", "kind", "text"];

    [Fact]
    public async Task ExportEventLog_AfterAnElection_DownloadsJsonLinesAndCsvWithTheElection()
    {
        await using var session = await browser.OpenAsync(app, LeaderElectionPage.PausedPath);
        var election = new LeaderElectionPage(session.Page);
        await election.ExpectReadyAsync();
        await election.PlayAsync();
        await election.WaitForLeaderAsync();
        await election.PauseAsync();
        await election.OpenTabAsync("Event log");

        var jsonLines = await DownloadAsync(session.Page, election.ExportJsonLinesButton);
        Assert.EndsWith(".jsonl", jsonLines.Name);
        var events = jsonLines.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.NotEmpty(events);
        foreach (var entry in events)
        {
            Assert.Equal(JsonValueKind.Object, entry.ValueKind);
            foreach (var field in EventFields)
            {
                Assert.True(entry.TryGetProperty(field, out _), $"An exported event has no '{field}': {entry}");
            }
        }
        Assert.All(events, e => Assert.Equal(JsonValueKind.Number, e.GetProperty("time").ValueKind));
        var sequences = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "election");

        var csv = await DownloadAsync(session.Page, election.ExportCsvButton);
        Assert.EndsWith(".csv", csv.Name);
        var rows = csv.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = rows[0].Split(',').Select(h => h.Trim('"').ToLowerInvariant()).ToList();
        foreach (var field in EventFields)
        {
            Assert.Contains(field, header);
        }
        Assert.True(rows.Length > 1, "The CSV holds a header and no events.");
        var kind = header.IndexOf("kind");
        // Only the text column may hold quoted commas, and it is last: the kind column splits cleanly.
        Assert.Contains(rows.Skip(1), row => row.Split(',')[kind] == "election");
        Assert.Equal(events.Count, rows.Length - 1);

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    private static async Task<(string Name, string Text)> DownloadAsync(IPage page, ILocator button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        var path = await download.PathAsync();
        Assert.NotNull(path);
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }
}

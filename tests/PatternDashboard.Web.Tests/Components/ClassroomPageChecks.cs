using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Rooms;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>What every pattern page must show a student watching a room, and a learner running their own session.</summary>
internal static class ClassroomPageChecks
{
    /// <summary>Buttons a watcher may press: they read or leave the run, never change it.</summary>
    private static readonly string[] ReadOnlyButtons = ["Try it yourself", "Presenter mode", "Export recording", "Copy link", "Export JSON Lines", "Export CSV",
        "Last 10 s", "Last 30 s", "Last 60 s", "Earlier", "Later", "Zoom in", "Zoom out", "Draw", "Export SVG"];

    /// <summary>
    /// The page watches through a <see cref="WatchOnlySession"/>, and nothing on it can change the run: every button
    /// still enabled only reads, every form field outside the event log's filters is disabled, and no fault panel or
    /// node menu is rendered.
    /// </summary>
    public static void AssertWatchOnly<TComponent>(PatternPageBase page, IRenderedComponent<TComponent> cut, params string[] alsoAllowed)
        where TComponent : IComponent
    {
        Assert.False(page.CanControl);
        Assert.IsType<WatchOnlySession>(page.Session);
        var pressable = cut.FindAll("button").Where(b => !b.HasAttribute("disabled"))
            .Select(b => b.TextContent.Trim() is { Length: > 0 } text ? text : b.GetAttribute("aria-label") ?? "").ToList();
        Assert.All(pressable, text => Assert.True(ReadOnlyButtons.Contains(text) || alsoAllowed.Contains(text) || text.StartsWith("About ", StringComparison.Ordinal),
            $"A watcher can press \"{text}\"."));
        // The event log's search and follow switch, and the message diagram's window and filters, only change what
        // this viewer's own view shows.
        var fields = cut.FindAll("input, select, textarea")
            .Where(f => !f.HasAttribute("disabled") && !f.HasAttribute("readonly") && f.Closest(".log-filters") is null && f.Closest(".sequence-panel") is null).ToList();
        Assert.True(fields.Count == 0, $"A watcher can edit: {string.Join(" | ", fields.Select(f => f.OuterHtml))}");
        Assert.Empty(cut.FindAll("section[aria-label='Cluster faults']"));
        Assert.Empty(cut.FindAll("[aria-label^='Actions for']"));
        Assert.Empty(cut.FindAll("#shortcuts"));
    }

    /// <summary>The time scrubber, the recording menu and the lesson panel listing <paramref name="lessonId"/>, with its start button.</summary>
    public static void AssertClassroomComponents<TPage>(IRenderedComponent<TPage> cut, string lessonId)
        where TPage : IComponent
    {
        Assert.NotNull(cut.Find("[aria-label=Timeline] [data-testid=scrubber-range]"));
        Assert.NotNull(cut.Find("[aria-label=Recording] [data-testid=export-recording]"));
        var lesson = cut.Find($"[aria-label=Lesson] li[data-lesson='{lessonId}']");
        Assert.Contains(lesson.QuerySelectorAll("button"), b => b.TextContent.Trim() == "Start lesson");
    }
}

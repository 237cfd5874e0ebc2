using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PatternDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>axe-core in the page, WCAG 2.1 A and AA: serious and critical findings fail the test, each named.</summary>
internal static class Axe
{
    private static readonly List<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static async Task AssertNoSeriousFindingsAsync(IPage page, string what)
    {
        var findings = await SeriousFindingsAsync(page, what);
        Assert.True(findings is null, findings);
    }

    /// <summary>What axe finds serious or critical on the page as it is now, in one message naming <paramref name="what"/>; null if nothing.</summary>
    public static async Task<string?> SeriousFindingsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = Tags },
            // Only the violations are read: the details of every passed check cost seconds on a live page.
            ResultTypes = [ResultType.Violations],
        });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        return bad.Count == 0 ? null : $"axe finds {bad.Sum(v => v.Nodes.Length)} serious or critical problem(s) on {what}:\n  "
            + string.Join("\n  ", bad.SelectMany(v => v.Nodes.Take(5).Select(n => $"{v.Id} ({v.Impact}): {string.Join(" ", n.Target)}: {v.Help}")));
    }
}

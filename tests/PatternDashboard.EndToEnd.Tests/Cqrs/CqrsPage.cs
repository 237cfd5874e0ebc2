using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.Cqrs;

/// <summary>The CQRS page as a person finds it: key state, the side-by-side stores and the break-it switch by their names.</summary>
internal sealed class CqrsPage(IPage page) : PatternPageObject(page, "CQRS")
{
    public const string Path = "/patterns/cqrs";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public ILocator BreakItSwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "Break it: act on the read model right after a write", Exact = true });

    /// <summary>A value of the key state or a panel: "head", "stale-count", "violations", "not-yet"...</summary>
    public ILocator Stat(string name) => Page.Locator($"[data-stat={name}]");

    /// <summary>A read model's entry in the side-by-side panel.</summary>
    public ILocator Model(string id) => Page.Locator($"li[data-model={id}]");

    public static Regex Whole(string pattern) => new($"^{pattern}$");
}

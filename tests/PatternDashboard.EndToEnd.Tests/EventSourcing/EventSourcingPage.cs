using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.EventSourcing;

/// <summary>The Event Sourcing page as a person finds it: controls, key state, the stream's slider and the fault buttons by their names.</summary>
internal sealed class EventSourcingPage(IPage page) : PatternPageObject(page, "Event Sourcing")
{
    public const string Path = "/patterns/event-sourcing";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public ILocator BreakItSwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "Break it: update state in place", Exact = true });

    /// <summary>A value of the key state or a panel: "version", "conflicts", "at", "in-place"...</summary>
    public ILocator Stat(string name) => Page.Locator($"[data-stat={name}]");

    /// <summary>What the slider rebuilt: "status", "balance", "projected".</summary>
    public ILocator Rebuilt(string name) => Page.Locator($"[data-rebuilt={name}]");

    public ILocator Slider => Page.GetByLabel("Rebuild at event");

    public static Regex Whole(string pattern) => new($"^{pattern}$");
}

using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.Saga;

/// <summary>The Saga page as a person finds it: controls, nodes, the counts and each style's panel by their names.</summary>
internal sealed class SagaPage(IPage page) : PatternPageObject(page, "Saga (orchestration and choreography)")
{
    public const string Path = "/patterns/saga";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    /// <summary>A count of the key state: style "orchestration" or "choreography", stat "completed", "in-flight"...</summary>
    public ILocator Count(string style, string stat) => Page.Locator($"[data-style={style}][data-stat={stat}]");

    /// <summary>One style's panel: "Orchestration" or "Choreography".</summary>
    public ILocator Style(string name) => Region(name);

    /// <summary>The sagas of a style that ended this way ("compensated").</summary>
    public ILocator Sagas(string style, string status) => Style(style).Locator($"tr[data-status={status}]");
}

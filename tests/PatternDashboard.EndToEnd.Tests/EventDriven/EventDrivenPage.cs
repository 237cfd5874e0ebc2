using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.EventDriven;

/// <summary>The Event-Driven page as a person finds it: controls, nodes, the services table and the registration figures.</summary>
internal sealed class EventDrivenPage(IPage page) : PatternPageObject(page, Title)
{
    public const string Path = "/patterns/event-driven";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public const string Title = "Event-Driven Architecture";

    public ILocator BreakItSwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "Break it: synchronous calls", Exact = true });

    /// <summary>A figure of the Registrations panel, found by its markup (a definition list without names per value).</summary>
    public ILocator Stat(string name) => Region("Registrations").Locator($"[data-stat={name}]");

    /// <summary>The row of the services table for one service, by its label ("Email service").</summary>
    public ILocator ServiceRow(string label) =>
        Region("Services").GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = label, Exact = true }) });

    public ILocator ServiceCell(string label, string column) => ServiceRow(label).Locator($"[data-col={column}]");

    public async Task OpenAsync(PageSession session)
    {
        await session.GotoAsync(PausedPath);
        await Expect(Heading).ToBeVisibleAsync();
        await Expect(PlayButton.Or(PauseButton)).ToBeVisibleAsync();
    }
}

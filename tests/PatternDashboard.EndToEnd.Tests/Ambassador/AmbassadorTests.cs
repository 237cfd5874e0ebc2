using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Ambassador;

[Collection(EndToEndCollection.Name)]
public sealed class AmbassadorTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task TransientErrors_TheAmbassadorRetriesAndLogsItsBackoff()
    {
        await using var session = await browser.OpenAsync(app, "/patterns/ambassador?paused=1");
        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ambassador", Level = 1 })).ToBeVisibleAsync();
        var controls = page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true });
        await controls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();

        var faults = page.GetByRole(AriaRole.Region, new() { Name = "Cluster faults", Exact = true });
        // Faults that take a value wait behind one click.
        await faults.GetByText("Faults with a value").ClickAsync();
        await faults.GetByRole(AriaRole.Button, new() { Name = "Transient errors", Exact = true }).ClickAsync();

        var log = page.GetByRole(AriaRole.Region, new() { Name = "Ambassador's own log", Exact = true });
        await PatternPageObject.ShowPanelsAsync(page);
        await Expect(log.GetByRole(AriaRole.Row).Filter(new() { HasText = "retry in" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-stat=most-attempts]")).ToHaveTextAsync(new Regex("^[2-4] of at most 4$"), new() { Timeout = 30_000 });
        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}

using System.Text.RegularExpressions;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.EventDriven;

[Collection(EndToEndCollection.Name)]
public sealed class ServiceOutageTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task StopEmailService_RegistrationsGoOn_RestartIt_ItCatchesUp()
    {
        await using var session = await browser.OpenAsync(app, EventDrivenPage.PausedPath);
        var page = new EventDrivenPage(session.Page);
        await Expect(page.Heading).ToBeVisibleAsync();
        await page.PlayAsync();
        await page.SetSpeedAsync("5x");

        await page.NodeActionAsync("Email service 1", "Crash email-1");

        await Expect(page.ServiceCell("Email service", "state")).ToHaveTextAsync("crashed");
        await Expect(page.ServiceCell("Email service", "backlog")).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(15)}$"), new() { Timeout = 30_000 });
        await Expect(page.Stat("success-rate")).ToHaveTextAsync("100 %");
        await Expect(page.Stat("failed")).ToHaveTextAsync("0");

        await page.NodeActionAsync("Email service 1", "Restart email-1");

        await Expect(page.ServiceCell("Email service", "state")).ToHaveTextAsync("up");
        await Expect(page.ServiceCell("Email service", "backlog")).ToHaveTextAsync(new Regex("^[0-2]$"), new() { Timeout = 30_000 });

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SynchronousCalls_StopEmailService_RegistrationsFail()
    {
        await using var session = await browser.OpenAsync(app, EventDrivenPage.PausedPath);
        var page = new EventDrivenPage(session.Page);
        await Expect(page.Heading).ToBeVisibleAsync();
        await page.PlayAsync();
        await page.SetSpeedAsync("5x");

        await page.BreakItSwitch.ClickAsync();
        await page.ShowPanelsAsync();
        await Expect(page.Stat("mode")).ToHaveTextAsync("synchronous calls");
        await page.NodeActionAsync("Email service 1", "Crash email-1");

        await page.ShowPanelsAsync();
        await Expect(page.Stat("failed")).ToHaveTextAsync(new Regex($"^{NumberPattern.AtLeast(5)}$"), new() { Timeout = 30_000 });
        await Expect(page.Stat("success-rate")).ToHaveTextAsync("0 %", new() { Timeout = 30_000 });

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}

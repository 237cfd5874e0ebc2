using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class HomePageTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task Home_page_loads_styled_and_interactive()
    {
        await using var session = await browser.OpenAsync(app, "/");
        var page = session.Page;

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "PatternDashboard", Level = 1 })).ToBeVisibleAsync();

        // Every stylesheet the page links (MudBlazor's, the root wwwroot/app.css, the scoped css bundle) loaded
        // and has rules, and MudBlazor's rules apply: its app bar is a flex box, not a plain block.
        var emptyStylesheets = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('link[rel="stylesheet"]')]
                .filter(link => !link.sheet || link.sheet.cssRules.length === 0)
                .map(link => link.href)
            """);
        Assert.Empty(emptyStylesheets);
        Assert.Equal("flex", await page.Locator(".mud-appbar").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object'"), "blazor.web.js did not load.");

        await session.ScreenshotAsync("home");

        // The circuit answers clicks: the theme toggle flips its own accessible name.
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();

        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}

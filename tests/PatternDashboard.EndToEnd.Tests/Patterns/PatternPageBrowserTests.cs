using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Patterns;

/// <summary>
/// What every registered pattern's page does in a real browser: it opens running, its first screen is a dashboard
/// (live view, key state, invariants, faults) on a projector, a wide screen and a phone, and axe finds nothing
/// serious in light or dark, with or without presenter mode. A new pattern is covered by adding it to the registry.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PatternPageBrowserTests(AppServerFixture app, BrowserFixture browser)
{
    public static TheoryData<string> PatternIds => [.. PatternCatalog.CreateRegistry().All.Select(p => p.Id)];

    private static ILocator Region(IPage page, string name) => page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });

    private static ILocator Status(IPage page, string status) =>
        page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true }).GetByText(status, new() { Exact = true });

    /// <summary>
    /// One page seen as a class sees it: on a projector in presenter mode (1280x720), then on a wide screen without
    /// it (1920x1080), then on a phone (390x844), the window resized between them as a person would.
    /// </summary>
    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task FirstScreen_OnAProjectorAWideScreenAndAPhone_ShowsTheDashboardWithoutScrolling(string patternId)
    {
        await using var session = await browser.OpenAsync(app, DashboardUrls.Pattern(patternId) + "?presenter=1",
            options => options.ViewportSize = new ViewportSize { Width = 1280, Height = 720 });
        var page = session.Page;
        await Expect(Status(page, "Running")).ToBeVisibleAsync();
        await Expect(page.Locator("html.presenter")).ToHaveCountAsync(1);
        await ExpectDashboardOnFirstScreenAsync(page, $"{patternId} at 1280x720 in presenter mode");

        await TogglePresenterAsync(page, on: false);
        await page.SetViewportSizeAsync(1920, 1080);
        await ExpectDashboardOnFirstScreenAsync(page, $"{patternId} at 1920x1080");

        await page.SetViewportSizeAsync(390, 844);
        await ExpectWhollyOnScreenAsync(page.Locator("svg.topology-svg"), $"the live view of {patternId} on a phone");
        await Expect(page.Locator(".dash-side .key-state h2")).ToBeInViewportAsync();
        session.AssertNoConsoleErrors();
    }

    private static async Task ExpectDashboardOnFirstScreenAsync(IPage page, string where)
    {
        await ExpectWhollyOnScreenAsync(page.Locator("svg.topology-svg"), $"the live view of {where}");
        await ExpectWhollyOnScreenAsync(page.Locator(".dash-side .key-state"), $"the key state of {where}");
        await ExpectWhollyOnScreenAsync(Region(page, "Invariants"), $"the invariants of {where}");
        await ExpectWhollyOnScreenAsync(Region(page, "Active faults"), $"the active faults of {where}");
        // The fault buttons (or the break-it switches, where every fault aims at a node) begin on the first screen;
        // the side column scrolls by itself for the rest, and a node's own faults are one click on the node away.
        // A value field's hidden step buttons are not what a person sees first.
        await Expect(Region(page, "Faults").Locator("button:visible, input[role=switch]").First).ToBeInViewportAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("window.scrollY"));
        await ExpectHeadOnOneLineAsync(page, where);
    }

    /// <summary>The head's last button (presenter mode) sits beside the title, not on a line of its own that pushes the live view down.</summary>
    private static async Task ExpectHeadOnOneLineAsync(IPage page, string where)
    {
        var title = await page.Locator(".dash-title").BoundingBoxAsync();
        var presenterButton = await page.GetByRole(AriaRole.Button, new() { Name = "Presenter mode", Exact = true }).BoundingBoxAsync();
        Assert.True(title is not null && presenterButton is not null && presenterButton.Y < title.Y + title.Height,
            $"the page's head of {where} takes more than one line: title at y {title?.Y:0} ({title?.Height:0} high), presenter mode at y {presenterButton?.Y:0}.");
    }

    /// <summary>
    /// The four looks of one page (light, light in presenter mode, dark, dark in presenter mode), checked in turn on the
    /// same page as a person switching them would; every look's findings are reported, not only the first's.
    /// </summary>
    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task Axe_PatternPage_InEveryLook_FindsNothingSerious(string patternId)
    {
        await using var session = await browser.OpenAsync(app, DashboardUrls.Pattern(patternId));
        var page = session.Page;
        await Expect(Status(page, "Running")).ToBeVisibleAsync();
        var findings = new List<string?> { await Axe.SeriousFindingsAsync(page, $"{patternId}, light") };

        // Presenter mode hides the banner with the theme switch, so each theme is checked first without it.
        await TogglePresenterAsync(page, on: true);
        findings.Add(await Axe.SeriousFindingsAsync(page, $"{patternId} in presenter mode, light"));
        await TogglePresenterAsync(page, on: false);
        await SwitchToDarkAsync(page);
        findings.Add(await Axe.SeriousFindingsAsync(page, $"{patternId}, dark"));
        await TogglePresenterAsync(page, on: true);
        findings.Add(await Axe.SeriousFindingsAsync(page, $"{patternId} in presenter mode, dark"));

        var found = findings.OfType<string>().ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static async Task TogglePresenterAsync(IPage page, bool on)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Presenter mode", Exact = true }).ClickAsync();
        await Expect(page.Locator("html.presenter")).ToHaveCountAsync(on ? 1 : 0);
        // The pointer leaves the button, as a person's would, so its tooltip does not cover the page's head.
        await page.Mouse.MoveAsync(1, (page.ViewportSize?.Height ?? 720) - 1);
    }

    [Theory]
    [InlineData("/", false)]
    [InlineData("/", true)]
    [InlineData("/join", false)]
    [InlineData("/join", true)]
    [InlineData("/import", false)]
    [InlineData("/import", true)]
    public async Task Axe_StaticPage_FindsNothingSerious(string path, bool dark)
    {
        await using var session = await browser.OpenAsync(app, path);
        if (dark)
        {
            await SwitchToDarkAsync(session.Page);
        }

        await Axe.AssertNoSeriousFindingsAsync(session.Page, $"{path}, {(dark ? "dark" : "light")}");
    }

    private static async Task SwitchToDarkAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Switch to light theme", Exact = true })).ToBeVisibleAsync();
        // The pointer leaves the theme button, as a person's would, so its tooltip does not cover the page's head.
        await page.Mouse.MoveAsync(1, (page.ViewportSize?.Height ?? 720) - 1);
        // Buttons fade to their dark colours; a check in the middle of the fade would judge colours nobody reads.
        // Only the fades under way now are awaited: a live page keeps starting transitions of its own.
        await page.EvaluateAsync("() => Promise.allSettled(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished))");
    }

    private static async Task ExpectWhollyOnScreenAsync(ILocator locator, string what)
    {
        await Expect(locator).ToBeVisibleAsync();
        var box = await locator.BoundingBoxAsync();
        var viewport = locator.Page.ViewportSize!;
        Assert.True(box is not null && box.Y >= 0 && box.X >= 0 && box.Y + box.Height <= viewport.Height + 1 && box.X + box.Width <= viewport.Width + 1,
            $"{what} is not wholly on the first screen: {box?.X:0},{box?.Y:0} {box?.Width:0}x{box?.Height:0} in {viewport.Width}x{viewport.Height}.");
    }
}

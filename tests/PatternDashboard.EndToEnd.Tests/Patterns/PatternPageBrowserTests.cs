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

    public static TheoryData<string, int, int, bool> Screens
    {
        get
        {
            var screens = new TheoryData<string, int, int, bool>();
            foreach (var pattern in PatternCatalog.CreateRegistry().All)
            {
                screens.Add(pattern.Id, 1280, 720, true);
                screens.Add(pattern.Id, 1920, 1080, false);
            }
            return screens;
        }
    }

    public static TheoryData<string, bool, bool> Looks
    {
        get
        {
            var looks = new TheoryData<string, bool, bool>();
            foreach (var pattern in PatternCatalog.CreateRegistry().All)
            {
                foreach (var presenter in new[] { false, true })
                {
                    looks.Add(pattern.Id, presenter, false);
                    looks.Add(pattern.Id, presenter, true);
                }
            }
            return looks;
        }
    }

    private static ILocator Region(IPage page, string name) => page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });

    private static ILocator Status(IPage page, string status) =>
        page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true }).GetByText(status, new() { Exact = true });

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task FirstScreen_WithoutScrolling_ShowsTheLiveViewKeyStateInvariantsAndFaults(string patternId, int width, int height, bool presenter)
    {
        await using var session = await browser.OpenAsync(app, DashboardUrls.Pattern(patternId) + (presenter ? "?presenter=1" : ""),
            options => options.ViewportSize = new ViewportSize { Width = width, Height = height });
        var page = session.Page;
        await Expect(Status(page, "Running")).ToBeVisibleAsync();
        if (presenter)
        {
            await Expect(page.Locator("html.presenter")).ToHaveCountAsync(1);
        }

        var where = $"{patternId} at {width}x{height}{(presenter ? " in presenter mode" : "")}";
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
        session.AssertNoConsoleErrors();
    }

    /// <summary>The head's last button (presenter mode) sits beside the title, not on a line of its own that pushes the live view down.</summary>
    private static async Task ExpectHeadOnOneLineAsync(IPage page, string where)
    {
        var title = await page.Locator(".dash-title").BoundingBoxAsync();
        var presenterButton = await page.GetByRole(AriaRole.Button, new() { Name = "Presenter mode", Exact = true }).BoundingBoxAsync();
        Assert.True(title is not null && presenterButton is not null && presenterButton.Y < title.Y + title.Height,
            $"the page's head of {where} takes more than one line: title at y {title?.Y:0} ({title?.Height:0} high), presenter mode at y {presenterButton?.Y:0}.");
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task Phone_FirstScreen_ShowsTheLiveViewAndTheKeyState(string patternId)
    {
        await using var session = await browser.OpenAsync(app, DashboardUrls.Pattern(patternId),
            options => options.ViewportSize = new ViewportSize { Width = 390, Height = 844 });
        var page = session.Page;
        await Expect(Status(page, "Running")).ToBeVisibleAsync();

        await ExpectWhollyOnScreenAsync(page.Locator("svg.topology-svg"), $"the live view of {patternId} on a phone");
        await Expect(page.Locator(".dash-side .key-state h2")).ToBeInViewportAsync();
    }

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task Axe_PatternPage_FindsNothingSerious(string patternId, bool presenter, bool dark)
    {
        await using var session = await browser.OpenAsync(app, DashboardUrls.Pattern(patternId));
        var page = session.Page;
        await Expect(Status(page, "Running")).ToBeVisibleAsync();
        if (dark)
        {
            await SwitchToDarkAsync(page);
        }
        if (presenter)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Presenter mode", Exact = true }).ClickAsync();
            await Expect(page.Locator("html.presenter")).ToHaveCountAsync(1);
        }

        await Axe.AssertNoSeriousFindingsAsync(page, $"{patternId}{(presenter ? " in presenter mode" : "")}, {(dark ? "dark" : "light")}");
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

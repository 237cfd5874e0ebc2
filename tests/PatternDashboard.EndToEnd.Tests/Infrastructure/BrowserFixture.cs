using Microsoft.Playwright;

namespace PatternDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole <see cref="EndToEndCollection"/>, driven by Playwright. It is Debian's
/// Chromium at <c>/usr/bin/chromium</c> (<c>apt-get install chromium</c>); Playwright's own browser download is
/// never used. Each test opens its own isolated context with <see cref="OpenAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian installs Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
    ];

    private IPlaywright? playwright;

    /// <summary>The shared browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}. Install it with: apt-get install -y chromium (test.sh does this).");
        }

        // A loaded two-core machine is slow: give assertions more time than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// Opens a new browser context and page, starts recording console errors and failed requests, and navigates
    /// to <paramref name="path"/> on <paramref name="app"/>. Dispose the result to close the context.
    /// </summary>
    public async Task<PageSession> OpenAsync(AppServerFixture app, string path = "/")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);

        var session = new PageSession(context, await context.NewPageAsync());
        try
        {
            await session.GotoAsync(path);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PatternDashboard.Web.Hosting;
using PatternDashboard.Web.Sessions;

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
    /// <param name="configure">Changes the context's options before it opens, such as a larger viewport for a
    /// screenshot. The defaults are a 1280×800 light page in en-US, UTC, with reduced motion.</param>
    public async Task<PageSession> OpenAsync(AppServerFixture app, string path = "/", Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
            AcceptDownloads = true,
        };
        configure?.Invoke(options);
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);

        var session = new PageSession(context, await context.NewPageAsync(), () => CloseRunsAsync(app, context));
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

    /// <summary>
    /// Closes the simulation sessions this context's browser opened (they belong to its browser id cookie), so a
    /// cluster a test left playing does not keep running on the server, slowing the tests after it.
    /// </summary>
    private static async Task CloseRunsAsync(AppServerFixture app, IBrowserContext context)
    {
        var cookies = await context.CookiesAsync([app.BaseAddress.ToString()]);
        var browserId = cookies.FirstOrDefault(c => c.Name == BrowserId.CookieName)?.Value;
        if (browserId is null)
        {
            return;
        }
        var sessions = app.Services.GetRequiredService<ISessionManager>();
        foreach (var run in sessions.ListByOwner(browserId))
        {
            sessions.Close(run.Id);
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

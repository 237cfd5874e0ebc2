using System.Text.Json;
using Microsoft.Playwright;

namespace PatternDashboard.LoadTool;

/// <summary>
/// Headless Chromium pages showing the shared session. A script in each page notes the wall time whenever the
/// on-screen clock changes; matched with the publish time of that clock value, it gives the delay to the DOM.
/// </summary>
internal sealed class BrowserViewers : IAsyncDisposable
{
    /// <summary>Per page, the clock changes kept between two collections.</summary>
    private const int MaxSeenPerPage = 20_000;

    // Watches the clock's text; Date.now() is the same wall clock the server stamps publishes with.
    private const string WatchClockScript = """
        (max) => {
            // The playback toolbar holds the clock; the whole page stands in if it is not found.
            const clock = document.querySelector('.clock-time')?.parentElement ?? document.body;
            window.__clockSeen = [];
            new MutationObserver(() => {
                const text = clock.querySelector('.clock-time')?.textContent?.trim();
                if (text && window.__clockSeen.length < max) {
                    window.__clockSeen.push([Date.now(), text]);
                }
            }).observe(clock, { subtree: true, childList: true, characterData: true });
        }
        """;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // Background pages would otherwise have their timers and rendering throttled.
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
    ];

    private readonly List<IBrowserContext> contexts = [];
    private readonly List<IPage> pages = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    public int Count => pages.Count;

    /// <summary>Sizes of the frames the first page's circuit received while measuring (as sent, before WebSocket compression).</summary>
    public LatencyHistogram FrameBytes { get; } = new(1_000_000);

    public bool Measuring { get; set; }

    private void RecordFrame(IWebSocketFrame frame)
    {
        if (Measuring)
        {
            FrameBytes.Record(frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        }
    }

    /// <summary>Opens <paramref name="count"/> more student pages on the room (its join address), each in its own browser context.</summary>
    public async Task OpenAsync(Uri address, string patternId, string roomCode, int count, string chromiumPath)
    {
        if (!File.Exists(chromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {chromiumPath}. Install it (apt-get install chromium) or pass --chromium PATH.");
        }
        playwright ??= await Playwright.CreateAsync();
        browser ??= await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var url = new Uri(address, $"patterns/{Uri.EscapeDataString(patternId)}?room={Uri.EscapeDataString(roomCode)}");
        for (int i = 0; i < count; i++)
        {
            // A context per page, like separate students: each gets its own circuit.
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ReducedMotion = ReducedMotion.Reduce });
            contexts.Add(context);
            var page = await context.NewPageAsync();
            if (pages.Count == 0)
            {
                // Every page gets the same renders; one page's circuit frames stand for all of them.
                page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => RecordFrame(frame);
            }
            await page.GotoAsync(url.ToString());
            // The prerendered clock is replaced once the page is interactive (in a circuit or in the browser); watch that one.
            await page.Locator("body[data-interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            await page.Locator(".clock-time").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            await page.EvaluateAsync(WatchClockScript, MaxSeenPerPage);
            pages.Add(page);
        }
    }

    /// <summary>Closes every page but the first, each with its browser context, as students leaving a room.</summary>
    public async Task CloseAllButFirstAsync()
    {
        foreach (var context in contexts.Skip(1))
        {
            await context.CloseAsync();
        }
        contexts.RemoveRange(1, contexts.Count - 1);
        pages.RemoveRange(1, pages.Count - 1);
    }

    /// <summary>Forgets what the pages saw so far (before the measured window).</summary>
    public async Task ResetAsync()
    {
        foreach (var page in pages)
        {
            await page.EvaluateAsync("() => { window.__clockSeen = []; }");
        }
    }

    /// <summary>Every clock change seen since the last reset: wall time (Unix ms) and the clock text.</summary>
    public async Task<List<(long SeenAt, string Text)>> CollectAsync()
    {
        var all = new List<(long, string)>();
        foreach (var page in pages)
        {
            var seen = await page.EvaluateAsync<JsonElement>("() => window.__clockSeen.splice(0)");
            foreach (var entry in seen.EnumerateArray())
            {
                all.Add(((long)entry[0].GetDouble(), entry[1].GetString() ?? ""));
            }
        }
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
    }
}

using System.Text;
using Microsoft.Playwright;

namespace PatternDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One browser context and page on the app, opened by <see cref="BrowserFixture.OpenAsync"/>. It records what a
/// test usually wants to assert never happened: console errors, uncaught page errors, and failed requests
/// (HTTP 4xx/5xx or network failures, such as a stylesheet or script that did not load).
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    // Sent by blazor.web.js over the circuit's socket once it has applied a render batch: from then on the
    // page's components are interactive (their event handlers are attached).
    private static readonly byte[] RenderCompleted = Encoding.UTF8.GetBytes("OnRenderCompleted");

    // A page that runs in the browser first starts .NET in the page (about 20 MB in a debug build), which on a busy
    // 2-core machine can take longer than a circuit's connect.
    private static readonly TimeSpan InteractiveTimeout = TimeSpan.FromSeconds(60);

    private readonly object gate = new();
    private readonly List<string> consoleErrors = [];
    private readonly List<string> failedRequests = [];
    private readonly List<string> cancelledFetches = [];
    private readonly Func<Task>? beforeClose;
    private TaskCompletionSource interactive = NewSignal();

    /// <param name="beforeClose">Runs when the session is disposed, before its context closes (the context's cookies
    /// are still readable).</param>
    internal PageSession(IBrowserContext context, IPage page, Func<Task>? beforeClose = null)
    {
        Context = context;
        Page = page;
        this.beforeClose = beforeClose;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsMissingFavicon(message))
            {
                Record(consoleErrors, $"{message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => Record(consoleErrors, $"uncaught: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Record(failedRequests, $"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            var entry = $"{request.Failure} {request.Method} {request.Url}";
            Record(IsCancelledByPage(request) ? cancelledFetches : failedRequests, entry);
        };
        page.WebSocket += (_, socket) =>
        {
            if (!socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                return;
            }
            // The signal of the navigation that opened this socket, not of a later one.
            var signal = interactive;
            socket.FrameSent += (_, frame) =>
            {
                if (IsRenderCompleted(frame))
                {
                    signal.TrySetResult();
                }
            };
        };
    }

    /// <summary>The page's own browser context (cookies, storage), closed on dispose.</summary>
    public IBrowserContext Context { get; }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get { lock (gate) { return [.. consoleErrors]; } }
    }

    /// <summary>Responses with status 400 or more, and requests that failed on the network, so far.</summary>
    public IReadOnlyList<string> FailedRequests
    {
        get { lock (gate) { return [.. failedRequests]; } }
    }

    /// <summary>
    /// Fetches the page's own script cancelled (net::ERR_ABORTED on a fetch or XHR), such as a Blazor enhanced
    /// navigation superseded by another. They are not failed loads, so <see cref="AssertNoFailedRequests"/> ignores
    /// them; they are kept here for a test that cares.
    /// </summary>
    public IReadOnlyList<string> CancelledFetches
    {
        get { lock (gate) { return [.. cancelledFetches]; } }
    }

    /// <summary>
    /// Navigates to <paramref name="path"/> (relative to the app's root) with a full page load and, unless told
    /// not to, waits until the Blazor circuit is interactive.
    /// </summary>
    public async Task GotoAsync(string path, bool waitForInteractive = true)
    {
        interactive = NewSignal();
        var response = await Page.GotoAsync(path);
        if (response is null || response.Status >= 400)
        {
            throw new InvalidOperationException($"GET {path} answered {response?.Status.ToString() ?? "nothing"}.");
        }
        if (waitForInteractive)
        {
            await WaitForInteractiveAsync();
        }
    }

    /// <summary>
    /// Waits until the page's Blazor circuit has connected and applied its first render, so clicks reach the
    /// server. Before that, a prerendered button is inert.
    /// </summary>
    public async Task WaitForInteractiveAsync()
    {
        try
        {
            // A page that runs in the browser has no circuit: its layout marks the body once it rendered there.
            var inBrowser = Page.WaitForFunctionAsync("() => document.body?.dataset.interactive === 'WebAssembly'", null,
                new() { Timeout = (float)InteractiveTimeout.TotalMilliseconds });
            _ = inBrowser.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            var first = await Task.WhenAny(interactive.Task, inBrowser).WaitAsync(InteractiveTimeout);
            if (first.IsFaulted)
            {
                // The wait in the page ended without the mark (a navigation, say): only the circuit can tell now.
                await interactive.Task.WaitAsync(InteractiveTimeout);
            }
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"The Blazor circuit of {Page.Url} did not become interactive within {InteractiveTimeout.TotalSeconds} s. "
                + Describe());
        }
    }

    /// <summary>
    /// Saves a full-page screenshot to <c>docs/screenshots/&lt;name&gt;.png</c> in the repository and returns its
    /// path. Names are lowercase words joined by dashes, such as <c>home</c> or <c>raft-partition</c>.
    /// </summary>
    /// <param name="clip">Only this rectangle of the page, in page coordinates (it may reach below the fold).</param>
    public async Task<string> ScreenshotAsync(string name, Clip? clip = null)
    {
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"Screenshot name '{name}' must be lowercase letters, digits and dashes.", nameof(name));
        }
        var path = RepositoryRoot.Combine("docs", "screenshots", name + ".png");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

        // A full-page capture keeps fixed elements (the app bar) where the scroll left them, mid-picture.
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = true,
            Clip = clip,
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
        return path;
    }

    /// <summary>Fails the test if the browser logged a console error or an uncaught exception.</summary>
    public void AssertNoConsoleErrors()
    {
        var errors = ConsoleErrors;
        Assert.True(errors.Count == 0, $"The browser logged {errors.Count} error(s):\n  " + string.Join("\n  ", errors));
    }

    /// <summary>Fails the test if any request failed or answered 4xx/5xx (a missing stylesheet or script, say).</summary>
    public void AssertNoFailedRequests()
    {
        var failed = FailedRequests;
        Assert.True(failed.Count == 0, $"{failed.Count} request(s) failed:\n  " + string.Join("\n  ", failed));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (beforeClose is not null)
            {
                await beforeClose();
            }
        }
        finally
        {
            await Context.CloseAsync();
        }
    }

    private string Describe()
    {
        var errors = ConsoleErrors;
        var failed = FailedRequests;
        return $"Console errors: [{string.Join("; ", errors)}]. Failed requests: [{string.Join("; ", failed)}].";
    }

    private void Record(List<string> list, string entry)
    {
        lock (gate)
        {
            list.Add(entry);
        }
    }

    // Chromium asks every site for /favicon.ico on its own and logs a 404 as a console error; the page never
    // asked for it, so it is not the page's error.
    private static bool IsMissingFavicon(IConsoleMessage message) =>
        message.Location.Contains("/favicon.ico", StringComparison.Ordinal);

    private static bool IsCancelledByPage(IRequest request) =>
        request.Failure == "net::ERR_ABORTED" && request.ResourceType is "fetch" or "xhr";

    private static bool IsRenderCompleted(IWebSocketFrame frame)
    {
        if (frame.Binary is { } bytes)
        {
            return bytes.AsSpan().IndexOf(RenderCompleted) >= 0;
        }
        return frame.Text?.Contains("OnRenderCompleted", StringComparison.Ordinal) == true;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

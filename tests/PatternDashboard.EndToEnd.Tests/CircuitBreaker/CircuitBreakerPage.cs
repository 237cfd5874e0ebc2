using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.CircuitBreaker;

/// <summary>The Circuit Breaker page as a person finds it: regions, fields and buttons by their accessible names.</summary>
internal sealed class CircuitBreakerPage(IPage page)
{
    public const string Path = "/patterns/circuit-breaker";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = "Circuit Breaker", Level = 1 });

    private ILocator TimeControls => Page.GetByRole(AriaRole.Toolbar, new() { Name = "Time controls", Exact = true });

    public ILocator PlayButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true });

    public ILocator PauseButton => TimeControls.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true });

    /// <summary>The breaker's card; its state is the large label, a live status.</summary>
    public ILocator BreakerState(string label) => Region($"Breaker for {label}").GetByRole(AriaRole.Status);

    public ILocator ServiceFaults(string label) => Region($"Faults and load of {label}");

    public ILocator ErrorRateField(string label) => ServiceFaults(label).GetByLabel("Error rate (%)");

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public async Task ExpectReadyAsync()
    {
        await Expect(Heading).ToBeVisibleAsync();
        await Expect(PlayButton.Or(PauseButton)).ToBeVisibleAsync();
    }

    public async Task PlayAsync()
    {
        await PlayButton.ClickAsync();
        await Expect(PauseButton).ToBeVisibleAsync();
    }

    private ILocator Region(string name) => Page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });

    /// <summary>Chooses a speed ("2x") in the toolbar and waits until the run says it goes at it.</summary>
    public async Task SetSpeedAsync(string speed)
    {
        await TimeControls.GetByRole(AriaRole.Combobox, new() { Name = "Speed" }).SelectOptionAsync(new SelectOptionValue { Label = speed });
        if (speed != "1x")
        {
            await Expect(TimeControls.Locator(".status")).ToContainTextAsync(speed);
        }
    }

    /// <summary>Opens a tab below the live view: "Details", "Time travel", "Event log", "Lessons" or "Recording".</summary>
    public Task OpenTabAsync(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true }).ClickAsync();
}

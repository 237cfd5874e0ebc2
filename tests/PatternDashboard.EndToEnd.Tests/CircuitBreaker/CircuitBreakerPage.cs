using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.CircuitBreaker;

/// <summary>The Circuit Breaker page as a person finds it: regions, fields and buttons by their accessible names.</summary>
internal sealed class CircuitBreakerPage(IPage page)
{
    public const string Path = "/patterns/circuit-breaker";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = "Circuit Breaker", Level = 1 });

    private ILocator TimeControls => Region("Time controls");

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
}

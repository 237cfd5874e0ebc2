using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.Classroom;

/// <summary>A recording file chosen on the import page opens its run, the moment the page can take it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ImportPageTests(AppServerFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task ChoosingARecordingFile_OpensTheReplayedRun()
    {
        var simulation = LeaderElectionPattern.Descriptor.CreateSimulation(77);
        simulation.RunFor(TimeSpan.FromSeconds(2));
        simulation.InjectFault(new FaultRequest(LeaderElectionPattern.Fault.Crash, "n2"));
        simulation.RunFor(TimeSpan.FromSeconds(1));
        byte[] file = Encoding.UTF8.GetBytes(simulation.ToRecording().ToJson());
        await using var session = await browser.OpenAsync(app, "/import");
        var page = session.Page;
        var picker = page.GetByLabel("Recording file", new() { Exact = true });

        // The picker is enabled once the page can hear the choice; a file chosen before would be lost.
        await Expect(picker).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await Axe.AssertNoSeriousFindingsAsync(page, "the import page");
        await picker.SetInputFilesAsync(new FilePayload { Name = "run.recording.json", MimeType = "application/json", Buffer = file });

        await Expect(page).ToHaveURLAsync(new Regex(@"/patterns/leader-election\?session=[0-9a-f]+$"), new() { Timeout = 60_000 });
        var election = new LeaderElection.LeaderElectionPage(page);
        await election.ExpectReadyAsync();
        await Expect(election.ActiveFault("Crash node")).ToBeVisibleAsync();
        session.AssertNoConsoleErrors();
    }
}

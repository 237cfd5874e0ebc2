using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Classroom;
using PatternDashboard.Web.Components.Classroom;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Sessions.Comparisons;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>Import form and shared-link page against a real session manager and the real Leader Election pattern.</summary>
public sealed class RecordingImportTests : BunitContext, IAsyncLifetime
{
    private readonly SessionManager sessions;

    public RecordingImportTests()
    {
        sessions = new SessionManager(PatternCatalog.CreateRegistry(), Options.Create(new SessionLimits()), TimeProvider.System, NullLoggerFactory.Instance);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<ISessionManager>(sessions);
        Services.AddSingleton(new ComparisonManager(sessions, NullLogger<ComparisonManager>.Instance));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        sessions.Dispose();
        await base.DisposeAsync();
    }

    private string Address => Services.GetRequiredService<NavigationManager>().Uri;

    internal static Recording ScriptedRecording(long seed = 31)
    {
        var simulation = LeaderElectionPattern.Descriptor.CreateSimulation(seed);
        simulation.RunFor(TimeSpan.FromSeconds(2));
        simulation.InjectFault(new FaultRequest(LeaderElectionPattern.Fault.Crash, "n3"));
        simulation.RunFor(TimeSpan.FromSeconds(1));
        simulation.InjectFault(new FaultRequest(LeaderElectionPattern.Fault.Split));
        return simulation.ToRecording();
    }

    /// <summary>Opens the shared-link page at "/replay?r=packed", as a browser following the link would.</summary>
    private IRenderedComponent<ReplayLinkPage> RenderLink(string? packed)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(packed is null ? "/replay" : navigation.GetUriWithQueryParameter(RecordingLink.Parameter, packed));
        return Render<ReplayLinkPage>();
    }

    private IRenderedComponent<RecordingImportForm> Upload(InputFileContent file)
    {
        var cut = Render<RecordingImportForm>();
        cut.FindComponent<InputFile>().UploadFiles(file);
        return cut;
    }

    [Fact]
    public async Task Import_ValidFile_OpensTheReplayedRunOnItsPatternPage()
    {
        Upload(InputFileContent.CreateFromText(ScriptedRecording().ToJson(), "run.recording.json"));

        await WaitUntilAsync(() => sessions.Count == 1 && Address.Contains("/patterns/leader-election?session=", StringComparison.Ordinal));
        var session = sessions.ListByOwner("anonymous").Single();
        Assert.EndsWith(session.Id, Address);
        Assert.Equal(3, session.Current.Snapshot.SimulatedTime, 6);
        Assert.Equal(2, (await session.ExportRecordingAsync()).Inputs.Count);
    }

    [Fact]
    public async Task Import_ComparisonFile_OpensBothRunsComparedAgain()
    {
        var without = ScriptedRecording();
        var file = new ComparisonRecording(ComparisonRecording.CurrentFormatVersion, ComparisonRecording.ComparisonKind, without,
            without with { Inputs = [.. without.Inputs, without.Inputs[^1] with { Action = RecordedInput.Inject, FaultId = LeaderElectionPattern.Fault.BreakQuorum }] },
            "Break it: any two votes win", 3);

        Upload(InputFileContent.CreateFromText(System.Text.Json.JsonSerializer.Serialize(file, Recording.JsonOptions), "pair.comparison.json"));

        await WaitUntilAsync(() => sessions.Count == 2 && Address.Contains("/patterns/leader-election?session=", StringComparison.Ordinal));
        var opened = sessions.ListByOwner("anonymous");
        var info = opened[0].Comparison!;
        Assert.EndsWith(info.WithoutSessionId, Address);
        Assert.Equal(("Break it: any two votes win", 3.0), (info.Difference, info.Since));
        Assert.Contains(opened[1].Current.Snapshot.ActiveFaults, f => f.FaultId == LeaderElectionPattern.Fault.BreakQuorum);
    }

    [Fact]
    public void Import_OversizedFile_IsRefusedUnread()
    {
        var cut = Upload(InputFileContent.CreateFromBinary(new byte[Recording.MaxFileBytes + 1], "huge.json"));

        Assert.Contains("a recording file may be at most 2 MB. Nothing was opened.", cut.Find("[data-testid=import-error]").TextContent);
        Assert.Equal(0, sessions.Count);
    }

    [Theory]
    [InlineData("{ this is not json", "The recording is not valid JSON")]
    [InlineData("""{"formatVersion":1,"patternId":"paxos","seed":1,"options":{},"inputs":[]}""", "Unknown pattern 'paxos'")]
    [InlineData("""{"formatVersion":1,"patternId":"leader-election","seed":1,"options":{"nodeCount":40},"inputs":[]}""", "nodeCount")]
    [InlineData("""{"formatVersion":9,"patternId":"leader-election","seed":1,"options":{},"inputs":[]}""", "format version 9")]
    public async Task Import_MalformedFile_SaysWhyAndOpensNothing(string json, string message)
    {
        var cut = Upload(InputFileContent.CreateFromText(json, "bad.json"));

        await cut.WaitForAssertionAsync(() => Assert.Contains(message, cut.Find("[data-testid=import-error]").TextContent));
        Assert.StartsWith("\"bad.json\" cannot be opened:", cut.Find("[data-testid=import-error]").TextContent.Trim());
        Assert.Equal(0, sessions.Count);
        Assert.DoesNotContain("/patterns/", Address);
    }

    [Fact]
    public async Task SharedLink_Valid_OpensTheReplayedRun()
    {
        string packed = RecordingLink.Pack(ScriptedRecording(seed: 44));

        RenderLink(packed);

        await WaitUntilAsync(() => sessions.Count == 1 && Address.Contains("/patterns/leader-election?session=", StringComparison.Ordinal));
        Assert.Equal(44, sessions.ListByOwner("anonymous").Single().Current.Snapshot.Seed);
    }

    [Theory]
    [InlineData(null, "holds no recording")]
    [InlineData("eJyLNtQx0jGOBQAGlQGn", "not usable")]
    [InlineData("%%%", "characters a recording link never has")]
    public async Task SharedLink_TamperedOrMalformed_ShowsTheErrorAndCreatesNothing(string? packed, string message)
    {
        var cut = RenderLink(packed);

        await cut.WaitForAssertionAsync(() => Assert.Contains(message, cut.Find("[data-testid=link-error]").TextContent));
        Assert.Contains("This link cannot be opened.", cut.Markup);
        Assert.Equal(0, sessions.Count);
    }

    [Fact]
    public async Task SharedLink_OneCharacterChanged_IsRefused()
    {
        string packed = RecordingLink.Pack(ScriptedRecording());
        string tampered = packed[..10] + (packed[10] == 'x' ? 'y' : 'x') + packed[11..];

        var cut = RenderLink(tampered);

        await cut.WaitForAssertionAsync(() => Assert.Contains("damaged", cut.Find("[data-testid=link-error]").TextContent));
        Assert.Equal(0, sessions.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 10 seconds.");
            await Task.Delay(10);
        }
    }
}

/// <summary>The recording menu on a fake session: what it downloads and the link it copies.</summary>
public sealed class RecordingMenuTests : DashboardTestContext
{
    private static Recording ScriptedRecording() => RecordingImportTests.ScriptedRecording();

    [Fact]
    public async Task Menu_Export_DownloadsTheRecordingAsJson()
    {
        var session = AddSession();
        session.Recording = ScriptedRecording();
        var cut = Render<RecordingMenu>(p => p.Add(x => x.Session, session));

        await cut.Find("[data-testid=export-recording]").ClickAsync(new());

        var call = JSInterop.Invocations["patternDashboard.downloadFile"].Single();
        Assert.Equal("leader-election-seed31-0s.recording.json", call.Arguments[0]);
        Assert.Equal("application/json", call.Arguments[1]);
        Assert.Equal(session.Recording.ToJson(), Recording.FromJson((string)call.Arguments[2]!).ToJson());
    }

    [Fact]
    public async Task Menu_CopyLink_ShowsAndCopiesALinkThatReplaysTheRun()
    {
        JSInterop.Setup<bool>("patternDashboard.copyText", _ => true).SetResult(true);
        var session = AddSession();
        session.Recording = ScriptedRecording();
        var cut = Render<RecordingMenu>(p => p.Add(x => x.Session, session));

        await cut.Find("[data-testid=copy-link]").ClickAsync(new());

        string link = (string)JSInterop.Invocations["patternDashboard.copyText"].Single().Arguments[0]!;
        Assert.StartsWith("http://localhost/replay?r=", link);
        Assert.Equal(session.Recording.ToJson(), RecordingLink.Unpack(link[(link.IndexOf("r=", StringComparison.Ordinal) + 2)..]).ToJson());
        Assert.Contains("Link copied.", cut.Markup);
    }

    [Fact]
    public async Task Menu_CopyLink_TooLongRun_SuggestsExport()
    {
        var session = AddSession();
        var inputs = Enumerable.Range(0, 3_000).Select(i => new RecordedInput(i * 10_007L, i * 3L, RecordedInput.Inject, "crash", $"n{i % 5 + 1}")).ToList();
        session.Recording = new Recording(1, LeaderElectionPattern.Id, 5, new Dictionary<string, double>(), inputs);
        var cut = Render<RecordingMenu>(p => p.Add(x => x.Session, session));

        await cut.Find("[data-testid=copy-link]").ClickAsync(new());

        Assert.Contains("Use Export recording and share the file instead.", cut.Find("[data-testid=recording-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=share-link]"));
    }
}

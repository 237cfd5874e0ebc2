using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Classroom;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Web.Tests.Classroom.LeaderElectionScript;

namespace PatternDashboard.Web.Tests.Classroom;

/// <summary>Export, import and share links: the reproduced run has the original's event log, event for event.</summary>
[Collection(HeavyReplayCollection.Name)]
public sealed class RecordingRoundTripTests
{
    private static SessionManager Manager() =>
        new(PatternCatalog.CreateRegistry(), Microsoft.Extensions.Options.Options.Create(new SessionLimits()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

    [Fact]
    public async Task ExportThenImport_ManySeeds_ReplaysTheSameEventLog()
    {
        using var manager = Manager();
        for (long seed = 100; seed < 120; seed++)
        {
            var original = manager.Create("teacher", "leader-election", new CreateSessionRequest(seed));
            await PlayAsync(original);
            string file = (await original.ExportRecordingAsync()).ToJson();

            var imported = await RecordingOpener.OpenAsync(manager, "student", Recording.FromJson(file));
            await RunToAsync(imported, End);

            Assert.True((await AllEventsAsync(original)).SequenceEqual(await AllEventsAsync(imported)), $"seed {seed}");
            Assert.Equal(Json(original.Current.Snapshot), Json(imported.Current.Snapshot));
            manager.Close(original.Id);
            manager.Close(imported.Id);
        }
    }

    [Fact]
    public async Task ShareLink_ManySeeds_ReplaysTheSameEventLog()
    {
        using var manager = Manager();
        for (long seed = 200; seed < 215; seed++)
        {
            var original = manager.Create("teacher", "leader-election", new CreateSessionRequest(seed, 7));
            await PlayAsync(original);
            string link = RecordingLink.RelativeUrl(await original.ExportRecordingAsync());
            string packed = link[(RecordingLink.Path.Length + RecordingLink.Parameter.Length + 2)..];

            var opened = await RecordingOpener.OpenAsync(manager, "student", RecordingLink.Unpack(packed));
            await RunToAsync(opened, End);

            Assert.True(link.Length < 1_000, $"A seven-fault link is {link.Length} characters.");
            Assert.True((await AllEventsAsync(original)).SequenceEqual(await AllEventsAsync(opened)), $"seed {seed}");
            manager.Close(original.Id);
            manager.Close(opened.Id);
        }
    }

    [Fact]
    public void ShareLink_UsesOnlyCharactersSafeInAnAddress()
    {
        var recording = FreshRun(3, End).ToRecording();

        string packed = RecordingLink.Pack(recording);

        Assert.Matches("^[A-Za-z0-9_-]+$", packed);
        Assert.Equal(recording.ToJson(), RecordingLink.Unpack(packed).ToJson());
    }

    [Fact]
    public void ShareLink_TooManyInputs_SuggestsExportInstead()
    {
        var simulation = PingPatternRun();

        var error = Assert.Throws<SimulationInputException>(() => RecordingLink.Pack(simulation.ToRecording()));

        Assert.Contains("too many for a link", error.Message);
        Assert.Contains("Export recording", error.Message);
    }

    [Theory]
    [InlineData("", "holds no recording")]
    [InlineData("not*base64!", "characters a recording link never has")]
    [InlineData("AAAA", "damaged")]
    public void Unpack_Malformed_SaysWhy(string packed, string message)
    {
        var error = Assert.Throws<SimulationInputException>(() => RecordingLink.Unpack(packed));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Unpack_EveryOneCharacterChange_IsRefusedOrStillAValidRecording()
    {
        string packed = RecordingLink.Pack(FreshRun(9, End).ToRecording());
        int refused = 0;
        for (int i = 0; i < packed.Length; i++)
        {
            char changed = packed[i] == 'A' ? 'B' : 'A';
            string tampered = packed[..i] + changed + packed[(i + 1)..];
            try
            {
                RecordingLink.Unpack(tampered).Validate();
            }
            catch (SimulationInputException)
            {
                refused++;
            }
        }

        // The checksum catches a change anywhere but in the last character's spare bits.
        Assert.True(refused >= packed.Length - 1, $"{refused} of {packed.Length} changed links were refused.");
    }

    [Fact]
    public void Unpack_TooLong_IsRefusedBeforeDecoding()
    {
        var error = Assert.Throws<SimulationInputException>(() => RecordingLink.Unpack(new string('A', RecordingLink.MaxChars + 1)));

        Assert.Contains("longer than", error.Message);
    }

    [Fact]
    public void Unpack_SmallLinkThatInflatesPastTheFileLimit_IsRefused()
    {
        string packed = Pack(new string(' ', Recording.MaxFileBytes + 10));

        var error = Assert.Throws<SimulationInputException>(() => RecordingLink.Unpack(packed));

        Assert.Contains("unpacks to more than", error.Message);
    }

    [Theory]
    [InlineData("""{"formatVersion":1,"patternId":"paxos","seed":1,"options":{},"inputs":[]}""", "Unknown pattern 'paxos'")]
    [InlineData("""{"formatVersion":1,"patternId":"leader-election","seed":1,"options":{"nodeCount":99},"inputs":[]}""", "nodeCount")]
    [InlineData("""{"formatVersion":1,"patternId":"leader-election","seed":1,"options":{},"inputs":[{"timeTicks":10,"afterEvents":0,"action":"inject","faultId":"meteor"}]}""", "Unknown fault 'meteor'")]
    public async Task OpenLink_ValidShapeButWrongContent_CreatesNothing(string json, string message)
    {
        using var manager = Manager();

        var error = await Assert.ThrowsAsync<SimulationInputException>(() =>
            RecordingOpener.OpenAsync(manager, "student", RecordingLink.Unpack(Pack(json))));

        Assert.Contains(message, error.Message);
        Assert.Equal(0, manager.Count);
    }

    /// <summary>Packs any text the way a link does, to craft links the app would never make.</summary>
    private static string Pack(string text)
    {
        using var packed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        return System.Buffers.Text.Base64Url.EncodeToString(packed.ToArray());
    }

    private static SimulationBase PingPatternRun()
    {
        var simulation = TestPatterns.PingPattern.Descriptor.CreateSimulation(4);
        for (int i = 0; i < 2_000; i++)
        {
            simulation.RunFor(TimeSpan.FromMilliseconds(1));
            simulation.InjectFault(new FaultRequest("nudge", $"n{i % 3 + 1}"));
        }
        return simulation;
    }
}

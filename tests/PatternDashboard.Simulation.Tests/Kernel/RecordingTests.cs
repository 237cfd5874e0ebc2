using System.Text;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class RecordingTests
{
    private static string Json(string inputs = "[]", int version = 1, string pattern = "\"test-ping-pong\"") =>
        $$"""{ "formatVersion": {{version}}, "patternId": {{pattern}}, "seed": 7, "options": { "nodeCount": 3 }, "inputs": {{inputs}} }""";

    private static string Input(long ticks, long afterEvents, string action = "inject", string faultId = "\"crash\"") =>
        $$"""{ "timeTicks": {{ticks}}, "afterEvents": {{afterEvents}}, "action": "{{action}}", "faultId": {{faultId}}, "target": "b" }""";

    private static string Rejected(string json) => Assert.Throws<SimulationInputException>(() => Recording.FromJson(json)).Message;

    [Fact]
    public void FromJson_ToJsonOfARealRun_GivesTheSameRecording()
    {
        var simulation = new TestSimulation(9);
        simulation.RunFor(TimeSpan.FromSeconds(1));
        var fault = simulation.InjectFault(new FaultRequest("crash", "b"))!;
        simulation.InjectFault(new FaultRequest("loss", Value: 12.5));
        simulation.RunFor(TimeSpan.FromSeconds(1));
        simulation.ClearFault(fault.Id);
        var original = simulation.ToRecording();

        var parsed = Recording.FromJson(original.ToJson());

        Assert.Equal((original.FormatVersion, original.PatternId, original.Seed), (parsed.FormatVersion, parsed.PatternId, parsed.Seed));
        Assert.Equal(original.Options, parsed.Options);
        Assert.Equal(original.Inputs, parsed.Inputs);
        Assert.Equal(original.ToJson(), parsed.ToJson());
    }

    [Fact]
    public void FromJson_ValidFile_ReadsEveryField()
    {
        var recording = Recording.FromJson(Json($"[{Input(100, 3)}, {Input(100, 3, "clear", "\"f1\"")}]"));

        Assert.Equal(("test-ping-pong", 7L, 3.0), (recording.PatternId, recording.Seed, recording.Options["nodeCount"]));
        Assert.Equal(new RecordedInput(100, 3, "inject", "crash", "b"), recording.Inputs[0]);
        Assert.Equal("clear", recording.Inputs[1].Action);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    public void FromJson_EmptyFile_SaysItIsEmpty(string json)
    {
        Assert.Contains("empty", Rejected(json));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{ "formatVersion": "one" }""")]
    [InlineData("""{ "formatVersion": 1, "seed": 99999999999999999999999 }""")]
    public void FromJson_MalformedJson_SaysItIsNotValidJson(string json)
    {
        Assert.StartsWith("The recording is not valid JSON", Rejected(json));
    }

    [Fact]
    public void FromJson_WrongFormatVersion_NamesBothVersions()
    {
        Assert.Equal("The recording has format version 2; this version reads 1.", Rejected(Json(version: 2)));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\" \"")]
    public void FromJson_NoPattern_SaysSo(string pattern)
    {
        Assert.Equal("The recording names no pattern.", Rejected(Json(pattern: pattern)));
    }

    [Fact]
    public void FromJson_NoInputs_SaysWhatIsMissing()
    {
        Assert.Contains("lacks its options or inputs", Rejected("""{ "formatVersion": 1, "patternId": "x", "seed": 1, "options": {} }"""));
    }

    [Fact]
    public void FromJson_UnknownAction_NamesTheInputAndAction()
    {
        Assert.Equal("Input 2 of the recording has an unknown action 'explode'.",
            Rejected(Json($"[{Input(1, 1)}, {Input(2, 2, "explode")}]")));
    }

    [Fact]
    public void FromJson_InputWithoutFaultId_SaysTheFaultIdIsMissing()
    {
        string message = Rejected(Json($"[{Input(1, 1, faultId: "null")}]"));

        Assert.Contains("Input 1", message);
        Assert.Contains("fault id", message);
        Assert.DoesNotContain("unknown action", message);
    }

    [Theory]
    [InlineData(5, 5, 4, 6)]
    [InlineData(5, 5, 6, 4)]
    public void FromJson_InputsOutOfOrder_NamesTheFirstBadInput(long ticks1, long events1, long ticks2, long events2)
    {
        Assert.Equal("Input 2 of the recording is out of order or missing.",
            Rejected(Json($"[{Input(ticks1, events1)}, {Input(ticks2, events2)}]")));
    }

    [Fact]
    public void FromJson_NegativeTime_IsOutOfOrder()
    {
        Assert.Contains("Input 1 of the recording is out of order", Rejected(Json($"[{Input(-1, 0)}]")));
    }

    [Fact]
    public void FromJson_NullInput_SaysItIsMissing()
    {
        Assert.Contains("Input 2 of the recording is out of order or missing", Rejected(Json($"[{Input(1, 1)}, null]")));
    }

    [Fact]
    public void FromJson_TooManyInputs_SaysTheLimit()
    {
        string inputs = "[" + string.Join(",", Enumerable.Range(0, Recording.MaxInputs + 1).Select(i => Input(i, i))) + "]";

        Assert.Equal($"The recording has {Recording.MaxInputs + 1} inputs; at most {Recording.MaxInputs} are allowed.", Rejected(Json(inputs)));
    }

    [Fact]
    public void FromJson_OversizeFile_IsRejectedBeforeParsing()
    {
        var json = new StringBuilder(Json()).Append(' ', Recording.MaxFileBytes).ToString();

        Assert.Equal("The recording is larger than 2 MB.", Rejected(json));
    }

    [Fact]
    public void FromJson_MultiByteTextOverTheByteLimit_IsRejected()
    {
        // Fewer characters than the limit, but three UTF-8 bytes each: the file is about 3 MB.
        string json = Json(pattern: "\"" + new string('\u20AC', Recording.MaxFileBytes / 2) + "\"");

        Assert.Equal("The recording is larger than 2 MB.", Rejected(json));
    }

    [Fact]
    public void Replay_UnknownPattern_NamesTheKnownOnes()
    {
        var recording = Recording.FromJson(Json(pattern: "\"no-such-pattern\""));

        var error = Assert.Throws<SimulationInputException>(() => TestSimulation.Registry.Replay(recording));

        Assert.Equal("Unknown pattern 'no-such-pattern'. Known patterns: test-ping-pong.", error.Message);
    }

    [Fact]
    public void Replay_InputBeyondTheRun_SaysTheRecordingDoesNotMatch()
    {
        // Event 3 happens long before 1 s, so an input "after 3 events at 1 s" cannot be reproduced.
        var recording = Recording.FromJson(Json($"[{Input(TimeSpan.FromSeconds(1).Ticks, 3)}]"));

        var error = Assert.Throws<SimulationInputException>(() => TestSimulation.Registry.Replay(recording));

        Assert.StartsWith("The recording does not match this simulation", error.Message);
    }

    [Fact]
    public void Replay_UnknownOption_IsRejected()
    {
        var recording = Recording.FromJson(Json().Replace("nodeCount", "shards"));

        Assert.Throws<SimulationInputException>(() => TestSimulation.Registry.Replay(recording));
    }
}

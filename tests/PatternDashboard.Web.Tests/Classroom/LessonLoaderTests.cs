using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Classroom.Lessons;

namespace PatternDashboard.Web.Tests.Classroom;

public sealed class LessonLoaderTests
{
    private static readonly LessonLoader Loader = new(PatternCatalog.CreateRegistry());

    private const string Id = "leader-election/test";

    /// <summary>A valid lesson whose one step is given as JSON.</summary>
    private static string WithStep(string step, string extra = "") => $$"""
        { "formatVersion": 1, "patternId": "leader-election", "title": "T", "summary": "S" {{extra}},
          "steps": [ {{step}} ] }
        """;

    [Fact]
    public void ShippedLessons_AllLoad_AndLeaderElectionHasOne()
    {
        var library = ShippedLessons.Library;

        Assert.Empty(library.Problems);
        Assert.NotEmpty(library.ForPattern("leader-election"));
    }

    [Fact]
    public void ShippedLessons_CoverEveryRegisteredPattern()
    {
        var uncovered = PatternDashboard.Simulation.Patterns.PatternCatalog.CreateRegistry().All
            .Where(p => ShippedLessons.Library.ForPattern(p.Id).Count == 0)
            .Select(p => p.Id);

        Assert.Empty(uncovered);
    }

    [Fact]
    public void Load_ValidLesson_KeepsItsSteps()
    {
        var lesson = Loader.Load(Id, WithStep("""
            { "title": "Crash", "narration": "Go.", "action": { "fault": "crash", "target": "n1", "afterSeconds": 2 },
              "checkpoint": { "goal": "New leader", "all": [ { "detail": "leaderId", "op": "changed" }, { "metric": "leaders", "op": ">=", "value": 1 } ] } }
            """, """, "seed": 5, "options": { "nodeCount": 3 }"""));

        Assert.Equal(Id, lesson.Id);
        Assert.Equal(5, lesson.Seed);
        Assert.Equal("crash", lesson.Steps[0].Action!.Fault);
        Assert.Equal(2, lesson.Steps[0].Checkpoint!.All.Count);
    }

    [Theory]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "meteor" } }""", "step 1, action: unknown fault 'meteor'")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "crash" } }""", "fault 'crash' needs one of target")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "split", "target": "n1" } }""", "fault 'split' takes no target")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "crash", "target": "n42" } }""", "unknown node 'n42'")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "crash", "targetFrom": "boss" } }""", "unknown detail 'boss'")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "delay", "value": 99999 } }""", "needs delay between 0 and 2000")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "heal", "clear": "split" } }""", "exactly one of fault, clear or restart")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "heal", "atSeconds": 1, "afterSeconds": 1 } }""", "atSeconds or afterSeconds, not both")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "heal", "afterSeconds": -1 } }""", "a wait must be 0 to 3600")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "restart": { "options": { "nodeCount": 50 } } } }""", "nodeCount")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [ { "metric": "speed", "op": ">", "value": 1 } ] } }""", "condition 1: unknown metric 'speed'")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [ { "metric": "leaders", "op": "=~", "value": 1 } ] } }""", "op must be one of")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [ { "metric": "leaders", "op": ">" } ] } }""", "compares with a value")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [ { "invariant": "no-dragons", "holds": true } ] } }""", "unknown invariant 'no-dragons'")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [ { "invariant": "election-safety" } ] } }""", "needs holds")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [ { "node": "n1" } ] } }""", "needs a state, up, or both")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [ { } ] } }""", "exactly one of metric, detail, invariant, node or elapsed")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [ { "elapsed": 1, "node": "n1", "up": true } ] } }""", "exactly one of metric")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [ { "detail": "leaderId", "op": "exists", "value": 1 } ] } }""", "op 'exists' takes no value")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "", "all": [ { "elapsed": 1 } ] } }""", "needs a goal")]
    [InlineData("""{ "title": "x", "narration": "y", "checkpoint": { "goal": "g", "all": [] } }""", "1 to 20 conditions")]
    [InlineData("""{ "title": "x", "narration": "y", "bookmark": "Nothing happened" }""", "step 1, bookmark: A bookmark names the moment of the step's fault or clear")]
    [InlineData("""{ "title": "x", "narration": "y", "action": { "fault": "heal" }, "bookmark": " " }""", "step 1, bookmark: A bookmark needs a name")]
    [InlineData("""{ "title": "x", "narration": "" }""", "needs a title and a narration")]
    [InlineData("""{ "title": "x", "narration": "y", "sound": "loud" }""", "not a lesson in JSON")]
    public void Load_BadStep_IsRefusedNamingTheProblem(string step, string message)
    {
        var error = Assert.Throws<SimulationInputException>(() => Loader.Load(Id, WithStep(step)));

        Assert.Contains(message, error.Message);
        Assert.StartsWith($"Lesson '{Id}'", error.Message);
    }

    [Theory]
    [InlineData("{ not json", "not a lesson in JSON")]
    [InlineData("""{ "formatVersion": 2, "patternId": "leader-election", "title": "T", "summary": "S", "steps": [] }""", "formatVersion is 2")]
    [InlineData("""{ "formatVersion": 1, "patternId": "paxos", "title": "T", "summary": "S", "steps": [] }""", "'paxos' but it lies in the folder of 'leader-election'")]
    [InlineData("""{ "formatVersion": 1, "patternId": "leader-election", "title": "", "summary": "S", "steps": [] }""", "no title")]
    [InlineData("""{ "formatVersion": 1, "patternId": "leader-election", "title": "T", "summary": "S", "steps": [] }""", "1 to 100 steps")]
    [InlineData("""{ "formatVersion": 1, "patternId": "leader-election", "title": "T", "summary": "S", "options": { "nodeCount": 2 }, "steps": [] }""", "nodeCount")]
    public void Load_BadLesson_IsRefusedNamingTheProblem(string json, string message)
    {
        var error = Assert.Throws<SimulationInputException>(() => Loader.Load(Id, json));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void LoadFolder_BadFileBesideGoodOne_LeavesOnlyTheBadOneOutAndSaysWhy()
    {
        string folder = Path.Combine(Path.GetTempPath(), "lessons-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "leader-election"));
        try
        {
            File.Copy(Path.Combine(ShippedLessons.Folder, "leader-election", "losing-the-leader.json"), Path.Combine(folder, "leader-election", "good.json"));
            File.WriteAllText(Path.Combine(folder, "leader-election", "bad.json"), "{ \"formatVersion\": 1 ");
            File.WriteAllText(Path.Combine(folder, "stray.json"), "{}");

            var library = LessonLibrary.Load(folder, PatternCatalog.CreateRegistry());

            Assert.Equal(["leader-election/good"], library.All.Select(l => l.Id));
            Assert.Equal(2, library.Problems.Count);
            Assert.Contains(library.Problems, p => p.StartsWith("Lesson 'leader-election/bad'", StringComparison.Ordinal));
            Assert.Contains(library.Problems, p => p.Contains("one folder deep", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LoadFolder_Missing_HasNoLessons()
    {
        var library = LessonLibrary.Load(Path.Combine(Path.GetTempPath(), "no-such-lessons-folder"), PatternCatalog.CreateRegistry());

        Assert.Empty(library.All);
        Assert.Empty(library.Problems);
    }
}

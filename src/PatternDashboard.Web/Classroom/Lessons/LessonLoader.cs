using System.Text.Json;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;

namespace PatternDashboard.Web.Classroom.Lessons;

/// <summary>
/// Reads a lesson file and checks it against its pattern: options in range, faults, nodes, metrics, invariants and
/// detail names that exist. Every problem throws a <see cref="SimulationInputException"/> naming the file and the step.
/// </summary>
public sealed class LessonLoader(PatternRegistry patterns)
{
    public const int MaxFileBytes = 256 * 1024;
    public const int MaxSteps = 100;
    public const int MaxConditions = 20;
    public const int MaxNarrationChars = 10_000;

    /// <summary>Longest wait an action may ask for before it acts, in simulated seconds.</summary>
    public const double MaxWaitSeconds = 3600;

    /// <summary>Parses and checks <paramref name="json"/>, the file of lesson <paramref name="id"/> ("pattern-id/name").</summary>
    public Lesson Load(string id, string json)
    {
        if (json.Length > MaxFileBytes)
        {
            throw Problem(id, $"the file is larger than {MaxFileBytes / 1024} KB.");
        }
        Lesson? lesson;
        try
        {
            lesson = JsonSerializer.Deserialize<Lesson>(json, LessonJson.Options);
        }
        catch (JsonException e)
        {
            throw Problem(id, $"it is not a lesson in JSON: {e.Message}");
        }
        if (lesson is null)
        {
            throw Problem(id, "it is empty.");
        }
        lesson = lesson with { Id = id };
        Check(lesson);
        return lesson;
    }

    private void Check(Lesson lesson)
    {
        string id = lesson.Id;
        if (lesson.FormatVersion != Lesson.CurrentFormatVersion)
        {
            throw Problem(id, $"formatVersion is {lesson.FormatVersion}; this version reads {Lesson.CurrentFormatVersion}.");
        }
        if (string.IsNullOrWhiteSpace(lesson.PatternId))
        {
            throw Problem(id, "it names no patternId.");
        }
        string folder = id.Split('/')[0];
        if (lesson.PatternId != folder)
        {
            throw Problem(id, $"its patternId is '{lesson.PatternId}' but it lies in the folder of '{folder}'.");
        }
        PatternDescriptor pattern;
        IReadOnlyDictionary<string, double> options;
        try
        {
            pattern = patterns.Get(lesson.PatternId);
            options = PatternOptions.Resolve(pattern.Options, lesson.Options);
        }
        catch (SimulationInputException e)
        {
            throw Problem(id, e.Message);
        }
        if (string.IsNullOrWhiteSpace(lesson.Title))
        {
            throw Problem(id, "it has no title.");
        }
        if (lesson.Steps is not { Count: > 0 and <= MaxSteps })
        {
            throw Problem(id, $"it needs 1 to {MaxSteps} steps.");
        }
        var probe = new LessonProbe(pattern.CreateSimulation(lesson.Seed ?? 1, options));
        for (int i = 0; i < lesson.Steps.Count; i++)
        {
            string where = $"step {i + 1}";
            var step = lesson.Steps[i] ?? throw Problem(id, $"{where} is empty.");
            if (string.IsNullOrWhiteSpace(step.Title) || string.IsNullOrWhiteSpace(step.Narration))
            {
                throw Problem(id, $"{where} needs a title and a narration.");
            }
            if (step.Narration.Length > MaxNarrationChars)
            {
                throw Problem(id, $"{where}'s narration is longer than {MaxNarrationChars:N0} characters.");
            }
            if (step.Action is { } action)
            {
                Wrap(id, $"{where}, action", () => probe = CheckAction(action, probe, pattern));
            }
            if (step.Predict is { } predict)
            {
                Wrap(id, $"{where}, predict", () => CheckPrediction(predict));
            }
            if (step.Bookmark is { } bookmark)
            {
                Wrap(id, $"{where}, bookmark", () => CheckBookmark(bookmark, step.Action));
            }
            if (step.Checkpoint is { } checkpoint)
            {
                Wrap(id, $"{where}, checkpoint", () => CheckCheckpoint(checkpoint, probe));
            }
        }
    }

    private static void CheckBookmark(string bookmark, LessonAction? action)
    {
        RecordedBookmark.CheckName(bookmark);
        if (action is null or { Restart: not null })
        {
            throw new SimulationInputException("A bookmark names the moment of the step's fault or clear, and this step has none.");
        }
    }

    private static LessonProbe CheckAction(LessonAction action, LessonProbe probe, PatternDescriptor pattern)
    {
        int kinds = (action.Fault is null ? 0 : 1) + (action.Clear is null ? 0 : 1) + (action.Restart is null ? 0 : 1);
        if (kinds != 1)
        {
            throw new SimulationInputException("give exactly one of fault, clear or restart.");
        }
        if (action.AtSeconds is not null && action.AfterSeconds is not null)
        {
            throw new SimulationInputException("give atSeconds or afterSeconds, not both.");
        }
        if ((action.AtSeconds ?? action.AfterSeconds) is { } wait && (!double.IsFinite(wait) || wait < 0 || wait > MaxWaitSeconds))
        {
            throw new SimulationInputException($"a wait must be 0 to {MaxWaitSeconds:0} simulated seconds.");
        }
        if (action.Restart is { } restart)
        {
            var merged = new Dictionary<string, double>(probe.Simulation.Options);
            foreach (var (name, value) in restart.Options ?? new Dictionary<string, double>())
            {
                merged[name] = value;
            }
            return new LessonProbe(pattern.CreateSimulation(restart.Seed ?? probe.Simulation.Seed, merged));
        }
        string faultId = action.Fault ?? action.Clear!;
        var fault = probe.Simulation.FaultCatalog.FirstOrDefault(f => f.Id == faultId)
            ?? throw new SimulationInputException($"unknown fault '{faultId}'. Faults: {string.Join(", ", probe.Simulation.FaultCatalog.Select(f => f.Id))}.");
        if (action.Clear is not null)
        {
            if (action.Target is not null || action.TargetFrom is not null || action.Value is not null)
            {
                throw new SimulationInputException("clear takes no target or value.");
            }
            return probe;
        }
        bool targeted = action.Target is not null || action.TargetFrom is not null;
        if (fault.Target == FaultTarget.Node != targeted || action.Target is not null && action.TargetFrom is not null)
        {
            throw new SimulationInputException(fault.Target == FaultTarget.Node
                ? $"fault '{fault.Id}' needs one of target (a node id) or targetFrom (a detail path)."
                : $"fault '{fault.Id}' takes no target.");
        }
        if (action.Target is { } target)
        {
            probe.CheckNode(target);
        }
        if (action.TargetFrom is { } path)
        {
            probe.CheckDetail(path);
        }
        if (action.Value is { } v && (fault.Parameter is not { } p || double.IsNaN(v) || v < p.Min || v > p.Max))
        {
            throw new SimulationInputException(fault.Parameter is { } parameter
                ? $"fault '{fault.Id}' needs {parameter.Name} between {parameter.Min} and {parameter.Max} {parameter.Unit}."
                : $"fault '{fault.Id}' takes no value.");
        }
        return probe;
    }

    /// <summary>The same limits as a room's question, so a lesson's prediction can be asked of a room as it is.</summary>
    private static void CheckPrediction(LessonPrediction predict)
    {
        if (predict.Answer is null)
        {
            throw new SimulationInputException("it needs the answer that happens (answer, from 0).");
        }
        RoomQuestion.Create("lesson", new QuestionInput(predict.Question, predict.Answers, predict.Answer), null);
    }

    private static void CheckCheckpoint(LessonCheckpoint checkpoint, LessonProbe probe)
    {
        if (string.IsNullOrWhiteSpace(checkpoint.Goal))
        {
            throw new SimulationInputException("it needs a goal: the words the learner sees while waiting.");
        }
        if (checkpoint.All is not { Count: > 0 and <= MaxConditions })
        {
            throw new SimulationInputException($"it needs 1 to {MaxConditions} conditions in all.");
        }
        for (int i = 0; i < checkpoint.All.Count; i++)
        {
            try
            {
                probe.CheckCondition(checkpoint.All[i] ?? throw new SimulationInputException("it is empty."));
            }
            catch (SimulationInputException e)
            {
                throw new SimulationInputException($"condition {i + 1}: {e.Message}");
            }
        }
    }

    private static void Wrap(string id, string where, Action check)
    {
        try
        {
            check();
        }
        catch (SimulationInputException e)
        {
            throw Problem(id, $"{where}: {e.Message}");
        }
    }

    private static SimulationInputException Problem(string id, string message) => new($"Lesson '{id}': {message}");
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatternDashboard.Web.Classroom.Lessons;

/// <summary>
/// A guided lesson for one pattern: a run to start (seed, options) and steps to walk through. The file format is
/// documented in docs/lessons.md; <see cref="LessonLoader"/> reads and checks it.
/// </summary>
/// <param name="Id">"pattern-id/file-name", from where the file lies; not part of the file.</param>
public sealed record Lesson(
    string Id,
    int FormatVersion,
    string PatternId,
    string Title,
    string Summary,
    long? Seed,
    IReadOnlyDictionary<string, double>? Options,
    IReadOnlyList<LessonStep> Steps)
{
    public const int CurrentFormatVersion = 1;
}

/// <summary>One step: what to read, then optionally something that happens to the run and a goal to wait for.</summary>
/// <param name="Narration">Markdown: paragraphs, lists, **bold**, *italic*, `code` and links. HTML is shown as text.</param>
/// <param name="Predict">Makes this a prediction step: the learner answers first, and the action runs only on reveal.</param>
/// <param name="Bookmark">Names the moment the step's action ran, as a bookmark of the run, so the learner can jump back to it.</param>
public sealed record LessonStep(string Title, string Narration, LessonAction? Action = null, LessonCheckpoint? Checkpoint = null, LessonPrediction? Predict = null,
    string? Bookmark = null);

/// <summary>A question the learner answers before the step's action shows what happens.</summary>
/// <param name="Answers">Two to five answers.</param>
/// <param name="Answer">The answer that happens, from 0.</param>
public sealed record LessonPrediction(string Question, IReadOnlyList<string> Answers, int? Answer);

/// <summary>
/// What a step does to the run, through the same inputs a person gives, so it is recorded: inject a fault, clear the
/// active faults of one kind, or restart the run with other options. At most one of <see cref="Fault"/>,
/// <see cref="Clear"/> and <see cref="Restart"/>.
/// </summary>
/// <param name="TargetFrom">A path into the pattern's details (e.g. "leaderId") whose value at that moment is the target.</param>
/// <param name="AtSeconds">Run on to this simulated time first, if the run is not there yet.</param>
/// <param name="AfterSeconds">Run on this many simulated seconds first.</param>
public sealed record LessonAction(
    string? Fault = null,
    string? Target = null,
    string? TargetFrom = null,
    double? Value = null,
    string? Clear = null,
    LessonRestart? Restart = null,
    double? AtSeconds = null,
    double? AfterSeconds = null);

/// <summary>Starts the run again at time 0 with these options (the others as they were) and this seed, if given.</summary>
public sealed record LessonRestart(IReadOnlyDictionary<string, double>? Options = null, long? Seed = null);

/// <summary>A goal the run must reach, in words, and the conditions that say it has: all of them at once.</summary>
public sealed record LessonCheckpoint(string Goal, IReadOnlyList<LessonCondition> All);

/// <summary>
/// One check of the run's state. Exactly one subject: a <see cref="Metric"/>, a <see cref="Detail"/> path, an
/// <see cref="Invariant"/>, a <see cref="Node"/>, or <see cref="Elapsed"/> seconds since the step began.
/// </summary>
/// <param name="Op">For a number: "&lt;", "&lt;=", "&gt;", "&gt;=", "==", "!=" against <see cref="Value"/>. For a detail also
/// "exists", "missing", and "changed" (has a value, and not the one it had when the step began).</param>
/// <param name="Is">For a detail: equals this JSON value (a string, number, true or false).</param>
/// <param name="Holds">For an invariant: whether it must hold (true) or be broken (false).</param>
/// <param name="State">For a node: its state word, such as "leader".</param>
/// <param name="Up">For a node: whether it must be up.</param>
public sealed record LessonCondition(
    string? Metric = null,
    string? Detail = null,
    string? Invariant = null,
    string? Node = null,
    double? Elapsed = null,
    string? Op = null,
    double? Value = null,
    JsonElement? Is = null,
    bool? Holds = null,
    string? State = null,
    bool? Up = null);

/// <summary>How lesson files are read: camelCase names, comments and trailing commas allowed, unknown names refused.</summary>
internal static class LessonJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

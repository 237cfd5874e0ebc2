using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Rooms;

/// <summary>
/// The instructor's form for a prediction question: the question, two to five answers, optionally the answer that
/// will happen and the action that reveals it (a fault of the room's run, or the lesson's prediction step).
/// </summary>
public partial class AskQuestionForm
{
    private const string LessonStepChoice = "lesson-step";

    private readonly List<string> answers = ["", ""];
    private string text = "";
    private string expected = "";
    private string reveal = "";
    private string? target;

    /// <summary>The room's run: its faults and nodes are what may reveal the answer. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>Called with the question to ask.</summary>
    [Parameter] public EventCallback<QuestionInput> OnAsk { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    /// <summary>Why the last question was refused, in the server's words. Default: null.</summary>
    [Parameter] public string? Error { get; set; }

    /// <summary>True while a question is being asked. Default: false.</summary>
    [Parameter] public bool Busy { get; set; }

    private IReadOnlyList<FaultDefinition> RevealFaults => Session.FaultCatalog;

    private FaultDefinition? RevealFault => Session.FaultCatalog.FirstOrDefault(f => f.Id == reveal);

    private IReadOnlyList<NodeView> Nodes => Session.Current.Snapshot.Nodes;

    private bool LessonCanReveal => Session.Lesson is { AwaitingReveal: true };

    private void Add()
    {
        if (answers.Count < QuestionLimits.MaxAnswers)
        {
            answers.Add("");
        }
    }

    private void Remove(int index)
    {
        answers.RemoveAt(index);
        expected = "";
    }

    private Task SubmitAsync() => OnAsk.InvokeAsync(new QuestionInput(text, [.. answers], int.TryParse(expected, out int e) ? e : null, RevealInput()));

    private RevealInput? RevealInput()
    {
        if (reveal == LessonStepChoice)
        {
            return new RevealInput(LessonStep: true);
        }
        if (RevealFault is not { } fault)
        {
            return null;
        }
        string? aimedAt = fault.Target == FaultTarget.Node ? target ?? Nodes.FirstOrDefault()?.Id : null;
        return new RevealInput(fault.Id, aimedAt, fault.Parameter?.Default);
    }
}

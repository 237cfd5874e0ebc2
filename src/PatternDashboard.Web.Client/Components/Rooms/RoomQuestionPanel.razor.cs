using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Rooms;

/// <summary>
/// Predict, then reveal, on a room's page. The instructor asks, watches the tally fill, shows it to the students when
/// they choose, and reveals by running the action; a student answers once, anonymously, and sees what happened
/// marked beside their answer. Every page follows the room's question live.
/// </summary>
public partial class RoomQuestionPanel : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private QuestionView? question;
    private int? choice;
    private string happened = "";
    private bool asking;
    private bool busy;
    private string? error;

    [Inject] public required IPageBackend Backend { get; init; }

    /// <summary>The room's code. Required.</summary>
    [Parameter, EditorRequired] public string RoomCode { get; set; } = "";

    /// <summary>The room's run, for what may reveal a question. Required.</summary>
    [Parameter, EditorRequired] public ISimulationSession Session { get; set; } = default!;

    /// <summary>True on the instructor's page. Default: false.</summary>
    [Parameter] public bool CanControl { get; set; }

    private int? HappenedChoice => int.TryParse(happened, out int h) ? h : null;

    protected override void OnInitialized() => _ = FollowAsync(stop.Token);

    private static bool CanAnswer(QuestionView q) => q.IsOpen && !q.CanControl && q.YourAnswer is null;

    private static int Percent(int count, int total) => total == 0 ? 0 : (int)Math.Round(100.0 * count / total);

    private static string TallyText(int count, int total) =>
        $"{count} {(count == 1 ? "answer" : "answers")}, {Percent(count, total)} %";

    private static string StatusText(QuestionView q) => q switch
    {
        { IsOpen: false, Happened: { } h } when q.YourAnswer is { } mine => mine == h
            ? $"What happened: {q.Answers[h]}. You predicted it."
            : $"What happened: {q.Answers[h]}. You answered {q.Answers[mine]}.",
        { IsOpen: false, Happened: { } h } => $"What happened: {q.Answers[h]}. {Answered(q)}",
        { CanControl: true } => $"{Answered(q)} {(q.TallyShown ? "Students see the tally." : "Only you see the tally.")}",
        { YourAnswer: { } mine } => $"You answered {q.Answers[mine]}. Wait for the instructor to reveal what happens.",
        _ => "Choose the answer you expect, then send it.",
    };

    private static string Answered(QuestionView q) =>
        $"{q.AnswerCount} of {Math.Max(q.MaxAnswers, q.AnswerCount)} {(q.MaxAnswers == 1 ? "viewer" : "viewers")} answered.";

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var state in Backend.WatchQuestionAsync(RoomCode, cancellationToken))
            {
                await InvokeAsync(() => Show(state.Question));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SimulationInputException)
        {
            // The room is gone; the page says so from its own stream.
        }
    }

    private void Show(QuestionView? next)
    {
        if (next?.Id != question?.Id)
        {
            choice = null;
            happened = "";
        }
        question = next;
        StateHasChanged();
    }

    private Task AskAsync(QuestionInput input) => CallAsync(async () =>
    {
        var asked = await Backend.AskQuestionAsync(RoomCode, input);
        asking = false;
        Show(asked);
    });

    private Task AnswerAsync() => choice is { } answer && question is { } q
        ? CallAsync(async () => Show(await Backend.AnswerQuestionAsync(RoomCode, q.Id, answer)))
        : Task.CompletedTask;

    private Task ToggleTallyAsync() => question is { } q
        ? CallAsync(async () => Show(await Backend.ShowQuestionTallyAsync(RoomCode, q.Id, !q.TallyShown)))
        : Task.CompletedTask;

    private Task RevealAsync() => question is { } q
        ? CallAsync(async () => Show(await Backend.RevealQuestionAsync(RoomCode, q.Id, HappenedChoice)))
        : Task.CompletedTask;

    private Task DismissAsync() => question is { } q
        ? CallAsync(async () =>
        {
            await Backend.DismissQuestionAsync(RoomCode, q.Id);
            Show(null);
        })
        : Task.CompletedTask;

    private async Task CallAsync(Func<Task> call)
    {
        busy = true;
        error = null;
        try
        {
            await call();
        }
        catch (SimulationInputException e)
        {
            error = e.Message;
        }
        finally
        {
            busy = false;
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        GC.SuppressFinalize(this);
    }
}

using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

// A room's prediction question through the hub; the hub knows this tab's control of the room from the connection.
public sealed partial class HubPageBackend
{
    public async Task<QuestionView> AskQuestionAsync(string roomCode, QuestionInput question)
    {
        var hub = await HubAsync();
        return await HubCalls.Run(() => hub.InvokeAsync<QuestionView>("AskQuestion", roomCode, question));
    }

    public async Task<QuestionView> AnswerQuestionAsync(string roomCode, string questionId, int answer)
    {
        var hub = await HubAsync();
        return await HubCalls.Run(() => hub.InvokeAsync<QuestionView>("AnswerQuestion", roomCode, questionId, answer));
    }

    public async Task<QuestionView> ShowQuestionTallyAsync(string roomCode, string questionId, bool shown)
    {
        var hub = await HubAsync();
        return await HubCalls.Run(() => hub.InvokeAsync<QuestionView>("ShowQuestionTally", roomCode, questionId, shown));
    }

    public async Task<QuestionView> RevealQuestionAsync(string roomCode, string questionId, int? happened)
    {
        var hub = await HubAsync();
        return await HubCalls.Run(() => hub.InvokeAsync<QuestionView>("RevealQuestion", roomCode, questionId, happened));
    }

    public async Task DismissQuestionAsync(string roomCode, string questionId)
    {
        var hub = await HubAsync();
        await HubCalls.Run(() => hub.InvokeAsync("DismissQuestion", roomCode, questionId));
    }

    public async IAsyncEnumerable<RoomQuestionState> WatchQuestionAsync(string roomCode, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var hub = await HubAsync();
        while (!cancellationToken.IsCancellationRequested)
        {
            var stream = hub.StreamAsync<RoomQuestionState>("StreamQuestion", roomCode, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await stream.MoveNextAsync();
                    }
                    catch (HubException)
                    {
                        yield break; // the room closed or was never there
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested && hub.State != HubConnectionState.Connected)
                    {
                        break; // dropped: follow again once the connection is back
                    }
                    if (!more)
                    {
                        yield break; // the server ends the stream when the room closes
                    }
                    yield return stream.Current;
                }
            }
            finally
            {
                await stream.DisposeAsync();
            }
            await HubCalls.WaitUntilConnectedAsync(hub, cancellationToken);
        }
    }
}

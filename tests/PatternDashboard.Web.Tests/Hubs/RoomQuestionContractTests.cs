using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>
/// Predict, then reveal, works on every registered pattern: a student answers, and the reveal turns on the pattern's
/// first break-it switch in the room's run and marks the answer that happened for the student.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class RoomQuestionContractTests(DashboardFactory app)
{
    public static TheoryData<string> PatternIds => [.. PatternCatalog.CreateRegistry().All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task Question_RevealedByTheBreakItSwitch_TurnsItOnAndMarksWhatHappened(string patternId)
    {
        var breakIt = PatternCatalog.CreateRegistry().Get(patternId).CreateSimulation(3).FaultCatalog.First(f => f.IsBreakIt);
        await using var instructor = await app.ConnectAsync();
        await using var student = await app.ConnectAsync();
        var room = await instructor.InvokeAsync<RoomCreatedInfo>("CreateRoom", patternId, new { seed = 3 });
        try
        {
            await student.InvokeAsync<RoomJoined>("JoinRoom", room.RoomCode);
            var asked = await instructor.InvokeAsync<QuestionView>("AskQuestion", room.RoomCode, new
            {
                text = $"We turn on \"{breakIt.Label}\". Does every invariant still hold?",
                answers = new[] { "Yes", "No, one turns red" },
                expected = 1,
                reveal = new { fault = breakIt.Id },
            });
            Assert.Equal(breakIt.Label, asked.RevealsBy);
            await student.InvokeAsync<QuestionView>("AnswerQuestion", room.RoomCode, asked.Id, 0);

            await instructor.InvokeAsync<QuestionView>("RevealQuestion", room.RoomCode, asked.Id, null);

            var seen = (await student.InvokeAsync<RoomQuestionState>("GetQuestion", room.RoomCode)).Question!;
            Assert.Equal((QuestionView.Revealed, 1, 0), (seen.State, seen.Happened, seen.YourAnswer));
            var snapshot = await student.InvokeAsync<SnapshotInfo>("GetSnapshot", room.SessionId);
            Assert.Contains(snapshot.ActiveFaults, f => f.FaultId == breakIt.Id);
        }
        finally
        {
            app.Services.GetRequiredService<RoomManager>().Close(room.RoomCode);
        }
    }
}

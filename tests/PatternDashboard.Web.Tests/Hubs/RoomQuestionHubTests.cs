using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>Predict, then reveal, through the hub: the instructor asks and reveals, students answer once, crafted calls change nothing.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RoomQuestionHubTests(DashboardFactory app) : IAsyncLifetime
{
    private HubConnection instructor = null!;
    private HubConnection student = null!;
    private HubConnection other = null!;
    private RoomCreatedInfo room = null!;

    private RoomManager Rooms => app.Services.GetRequiredService<RoomManager>();

    private static readonly object Question = new
    {
        text = "Node n1 is crashed. What does the count do?",
        answers = new[] { "It stops", "It goes on", "It goes back to 0" },
        expected = 1,
        reveal = new { fault = PingPattern.Crash, target = "n1" },
    };

    public async Task InitializeAsync()
    {
        instructor = await app.ConnectAsync();
        student = await app.ConnectAsync();
        other = await app.ConnectAsync();
        room = await instructor.InvokeAsync<RoomCreatedInfo>("CreateRoom", PingPattern.Id, new { seed = 5 });
        await student.InvokeAsync<RoomJoined>("JoinRoom", room.RoomCode);
        await other.InvokeAsync<RoomJoined>("JoinRoom", room.RoomCode);
    }

    public async Task DisposeAsync()
    {
        await instructor.DisposeAsync();
        await student.DisposeAsync();
        await other.DisposeAsync();
        Rooms.Close(room.RoomCode);
    }

    private Task<QuestionView> Ask(HubConnection hub, object question) => hub.InvokeAsync<QuestionView>("AskQuestion", room.RoomCode, question);

    private async Task<QuestionView?> Seen(HubConnection hub) => (await hub.InvokeAsync<RoomQuestionState>("GetQuestion", room.RoomCode)).Question;

    [Fact]
    public async Task Student_AnswersOnce_SeesNoTallyUntilShown_AndTheRevealMarksWhatHappened()
    {
        var asked = await Ask(instructor, Question);
        Assert.True(asked.CanControl);
        Assert.Equal([0, 0, 0], asked.Tally);

        var answered = await student.InvokeAsync<QuestionView>("AnswerQuestion", room.RoomCode, asked.Id, 0);
        Assert.Equal(0, answered.YourAnswer);
        Assert.Null(answered.Tally);
        Assert.Null(answered.Expected);

        var twice = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync<QuestionView>("AnswerQuestion", room.RoomCode, asked.Id, 1));
        Assert.Contains("answered this question already", twice.Message);
        Assert.Equal([1, 0, 0], (await Seen(instructor))!.Tally);

        await instructor.InvokeAsync<QuestionView>("ShowQuestionTally", room.RoomCode, asked.Id, true);
        Assert.Equal([1, 0, 0], (await Seen(student))!.Tally);

        var revealed = await instructor.InvokeAsync<QuestionView>("RevealQuestion", room.RoomCode, asked.Id, null);
        Assert.Equal(QuestionView.Revealed, revealed.State);
        Assert.Equal(1, revealed.Happened);
        var snapshot = await student.InvokeAsync<SnapshotInfo>("GetSnapshot", room.SessionId);
        Assert.Contains(snapshot.ActiveFaults, f => f.FaultId == PingPattern.Crash && f.Target == "n1");
        var late = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<QuestionView>("AnswerQuestion", room.RoomCode, asked.Id, 2));
        Assert.Contains("revealed", late.Message);
    }

    [Fact]
    public async Task Student_CannotAsk_ShowTally_Reveal_OrDismiss_AndNothingChanges()
    {
        var asked = await Ask(instructor, Question);
        var before = await student.InvokeAsync<SnapshotInfo>("GetSnapshot", room.SessionId);

        foreach (var call in new Func<Task>[]
        {
            () => Ask(student, Question),
            () => student.InvokeAsync<QuestionView>("ShowQuestionTally", room.RoomCode, asked.Id, true),
            () => student.InvokeAsync<QuestionView>("RevealQuestion", room.RoomCode, asked.Id, 0),
            () => student.InvokeAsync("DismissQuestion", room.RoomCode, asked.Id),
        })
        {
            var refused = await Assert.ThrowsAsync<HubException>(call);
            Assert.Contains("controlled by its instructor", refused.Message);
        }

        var seen = (await Seen(student))!;
        Assert.Equal(asked.Id, seen.Id);
        Assert.Equal(QuestionView.Open, seen.State);
        Assert.False(seen.TallyShown);
        var after = await student.InvokeAsync<SnapshotInfo>("GetSnapshot", room.SessionId);
        Assert.Equal(before.ActiveFaults.Count, after.ActiveFaults.Count);
    }

    [Fact]
    public async Task OneQuestionIsOpenAtATime_AndAnswersStopAtTheRoomsViewers()
    {
        var asked = await Ask(instructor, Question);
        var second = await Assert.ThrowsAsync<HubException>(() => Ask(instructor, Question));
        Assert.Contains("A question is open already", second.Message);

        // Nobody streams the room's run here, so one answer is all the room's viewers can give.
        await student.InvokeAsync<QuestionView>("AnswerQuestion", room.RoomCode, asked.Id, 2);
        var capped = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<QuestionView>("AnswerQuestion", room.RoomCode, asked.Id, 2));
        Assert.Contains("one per viewer", capped.Message);

        await instructor.InvokeAsync("DismissQuestion", room.RoomCode, asked.Id);
        Assert.Null(await Seen(student));
        var next = await Ask(instructor, new { text = "Again?", answers = new[] { "Yes", "No" } });
        Assert.NotEqual(asked.Id, next.Id);
    }

    public static TheoryData<string, string> BadQuestions => new()
    {
        { """{"text":"","answers":["a","b"]}""", "is empty" },
        { """{"text":"Q","answers":["only one"]}""", "2 to 5 answers" },
        { """{"text":"Q","answers":["a","b","c","d","e","f"]}""", "2 to 5 answers" },
        { """{"text":"Q","answers":["same","Same"]}""", "same thing" },
        { """{"text":"Q","answers":["a","b"],"expected":2}""", "answers 1 to 2" },
        { """{"text":"Q","answers":["a","b"],"reveal":{"fault":"no-such-fault"}}""", "has no fault 'no-such-fault'" },
        { """{"text":"Q","answers":["a","b"],"reveal":{"lessonStep":true}}""", "not on a prediction step" },
    };

    [Theory]
    [MemberData(nameof(BadQuestions))]
    public async Task BadQuestion_IsRefusedInWords_AndNothingIsAsked(string json, string message)
    {
        var question = System.Text.Json.JsonDocument.Parse(json).RootElement;

        var refused = await Assert.ThrowsAsync<HubException>(() => Ask(instructor, question));

        Assert.Contains(message, refused.Message);
        Assert.Null(await Seen(instructor));
    }

    [Fact]
    public async Task RevealWithoutAnExpectedAnswer_NeedsTheAnswerThatHappened()
    {
        var asked = await Ask(instructor, new { text = "Which?", answers = new[] { "A", "B" } });

        var refused = await Assert.ThrowsAsync<HubException>(() => instructor.InvokeAsync<QuestionView>("RevealQuestion", room.RoomCode, asked.Id, null));
        Assert.Contains("Say which answer happened", refused.Message);
        Assert.Equal(QuestionView.Open, (await Seen(instructor))!.State);

        var revealed = await instructor.InvokeAsync<QuestionView>("RevealQuestion", room.RoomCode, asked.Id, 0);
        Assert.Equal(0, revealed.Happened);
    }

    [Fact]
    public async Task StreamQuestion_BringsTheAskedQuestion_ToAStudent()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var items = student.StreamAsync<RoomQuestionState>("StreamQuestion", room.RoomCode, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await items.MoveNextAsync());
        Assert.Null(items.Current.Question);

        await Ask(instructor, Question);

        Assert.True(await items.MoveNextAsync());
        Assert.Equal(["It stops", "It goes on", "It goes back to 0"], items.Current.Question!.Answers);
        Assert.Null(items.Current.Question.Tally);
    }
}

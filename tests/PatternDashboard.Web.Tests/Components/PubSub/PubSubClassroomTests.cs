using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Simulation.Patterns.PubSub;
using PatternDashboard.Web.Components.Patterns.PubSub;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components.PubSub;

/// <summary>The Pub/Sub page in a classroom: a student watching a room, and a learner with the lesson, timeline and recording tools.</summary>
public sealed class PubSubClassroomTests : DashboardTestContext
{
    private const string LessonId = "pub-sub/queues-and-dead-letters";

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>A run with dead letters, so the replay button would be live for anyone allowed to press it.</summary>
    private static SimulationSnapshot SnapshotWithDeadLetters()
    {
        var cluster = (PubSubCluster)PubSubPattern.Descriptor.CreateSimulation(seed: 5);
        cluster.RunFor(TimeSpan.FromSeconds(1));
        cluster.InjectFault(new FaultRequest(PubSubPattern.Fault.Poison));
        cluster.RunFor(TimeSpan.FromSeconds(15));
        var snapshot = cluster.CreateSnapshot();
        Assert.True(((MessagingDetails)snapshot.Details!).DeadLettered > 0);
        return snapshot;
    }

    private FakeSimulationSession PubSubSession(string id, SimulationSnapshot snapshot, string owner = "browser-1") =>
        new(id, State(snapshot, id), PubSubPattern.Faults) { Pattern = PubSubPattern.Descriptor, OwnerId = owner };

    private IRenderedComponent<PubSubPage> RenderPage()
    {
        RenderPopovers();
        return Render<PubSubPage>(p => p.AddCascadingValue("BrowserId", "browser-1"));
    }

    [Fact]
    public async Task Student_InARoom_SeesTheRunButNoControl()
    {
        var snapshot = SnapshotWithDeadLetters();
        Manager.NewSession = (id, owner) => PubSubSession(id, snapshot, owner);
        var created = Rooms.Create("teacher-browser", PubSubPattern.Id, new CreateSessionRequest());
        Navigation.NavigateTo($"/patterns/pub-sub?room={created.Room.Code}");

        var cut = RenderPage();

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("tr[data-dead-letter]")));
        ClassroomPageChecks.AssertWatchOnly(cut);
        Assert.Empty(cut.FindAll("[aria-label='Dead-letter queue'] button"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Replay dead letters" or "Start lesson" or "Play");
        Assert.NotNull(cut.Find("[aria-label=Lesson]"));
        var session = Manager.Session(created.Room.Session.Id);
        Assert.Empty(session.Injected);
        Assert.Empty(session.Controls);
    }

    [Fact]
    public async Task Learner_OwnRun_HasTheLessonTimelineRecordingAndReplayButton()
    {
        Manager.Add(PubSubSession("ps-1", SnapshotWithDeadLetters()));
        Navigation.NavigateTo("/patterns/pub-sub?session=ps-1");

        var cut = RenderPage();

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("tr[data-dead-letter]")));
        Assert.True(cut.Instance.CanControl);
        ClassroomPageChecks.AssertClassroomComponents(cut, LessonId);
        var replay = cut.Find("[aria-label='Dead-letter queue'] button");
        Assert.Equal("Replay dead letters", replay.TextContent.Trim());
        Assert.False(replay.HasAttribute("disabled"));
        replay.Click();
        Assert.Equal(PubSubPattern.Fault.ReplayDeadLetters, Assert.Single(Manager.Session("ps-1").Injected).FaultId);
    }
}

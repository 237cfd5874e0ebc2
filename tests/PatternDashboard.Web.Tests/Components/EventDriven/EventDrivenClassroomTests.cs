using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.EventDriven;
using PatternDashboard.Web.Components.Patterns.EventDriven;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Web.Tests.Fakes.TestStates;

namespace PatternDashboard.Web.Tests.Components.EventDriven;

/// <summary>The Event-Driven page in a classroom: a student watching a room, and a learner with the lesson, timeline and recording tools.</summary>
public sealed class EventDrivenClassroomTests : DashboardTestContext
{
    private const string LessonId = "event-driven/services-at-their-own-pace";

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static SimulationSnapshot RunSnapshot()
    {
        var cluster = EventDrivenPattern.Descriptor.CreateSimulation(seed: 5);
        cluster.RunFor(TimeSpan.FromSeconds(6));
        return cluster.CreateSnapshot();
    }

    private FakeSimulationSession EventDrivenSession(string id, SimulationSnapshot snapshot, string owner = "browser-1") =>
        new(id, State(snapshot, id), EventDrivenPattern.Faults) { Pattern = EventDrivenPattern.Descriptor, OwnerId = owner };

    private IRenderedComponent<EventDrivenPage> RenderPage()
    {
        RenderPopovers();
        return Render<EventDrivenPage>(p => p.AddCascadingValue("BrowserId", "browser-1"));
    }

    [Fact]
    public async Task Student_InARoom_SeesTheRunButNoControl()
    {
        var snapshot = RunSnapshot();
        Manager.NewSession = (id, owner) => EventDrivenSession(id, snapshot, owner);
        var created = Rooms.Create("teacher-browser", EventDrivenPattern.Id, new CreateSessionRequest());
        Navigation.NavigateTo($"/patterns/event-driven?room={created.Room.Code}");

        var cut = RenderPage();

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("[data-stat=registrations]")));
        ClassroomPageChecks.AssertWatchOnly(cut);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Start lesson" or "Play");
        Assert.NotNull(cut.Find("[aria-label=Lesson]"));
        var session = Manager.Session(created.Room.Session.Id);
        Assert.Empty(session.Injected);
        Assert.Empty(session.Controls);
    }

    [Fact]
    public async Task Learner_OwnRun_HasTheLessonTimelineRecordingAndFaults()
    {
        Manager.Add(EventDrivenSession("ed-1", RunSnapshot()));
        Navigation.NavigateTo("/patterns/event-driven?session=ed-1");

        var cut = RenderPage();

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("[data-stat=registrations]")));
        Assert.True(cut.Instance.CanControl);
        ClassroomPageChecks.AssertClassroomComponents(cut, LessonId);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Add a service");
    }
}

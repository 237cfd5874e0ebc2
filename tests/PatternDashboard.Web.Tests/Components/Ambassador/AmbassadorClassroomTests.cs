using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Ambassador;
using PatternDashboard.Web.Components.Patterns.Ambassador;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;
using static PatternDashboard.Simulation.Patterns.Ambassador.AmbassadorPattern;

namespace PatternDashboard.Web.Tests.Components.Ambassador;

/// <summary>The Ambassador page in a classroom: a student watching a room, and a learner with the lesson, timeline and recording tools.</summary>
public sealed class AmbassadorClassroomTests : DashboardTestContext
{
    private const string LessonId = "ambassador/retries-with-manners";

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static SimulationSnapshot RunSnapshot()
    {
        var cluster = Descriptor.CreateSimulation(3);
        cluster.InjectFault(new FaultRequest(Fault.TransientErrors, null, 30));
        cluster.RunFor(TimeSpan.FromSeconds(6));
        return cluster.CreateSnapshot();
    }

    private static FakeSimulationSession AmbassadorSession(string id, SimulationSnapshot snapshot, string owner = "browser-1") =>
        new(id, new SessionState(id, snapshot, SessionStatus.Paused, 1, null, 0), Faults) { Pattern = Descriptor, OwnerId = owner };

    private IRenderedComponent<AmbassadorPage> RenderPage()
    {
        RenderPopovers();
        return Render<AmbassadorPage>(p => p.AddCascadingValue("BrowserId", "browser-1"));
    }

    [Fact]
    public async Task Student_InARoom_SeesTheCallsButNoControl()
    {
        var snapshot = RunSnapshot();
        Manager.NewSession = (id, owner) => AmbassadorSession(id, snapshot, owner);
        var created = Rooms.Create("teacher-browser", Id, new CreateSessionRequest());
        Navigation.NavigateTo($"/patterns/ambassador?room={created.Room.Code}");

        var cut = RenderPage();

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("[data-stat=attempts-per-request]")));
        ClassroomPageChecks.AssertWatchOnly(cut);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Start lesson" or "Play" or "Service down");
        Assert.NotNull(cut.Find("[aria-label=Lesson]"));
        var session = Manager.Session(created.Room.Session.Id);
        Assert.Empty(session.Injected);
        Assert.Empty(session.Controls);
    }

    [Fact]
    public async Task Learner_OwnRun_HasTheLessonTimelineRecordingAndFaults()
    {
        Manager.Add(AmbassadorSession("amb-1", RunSnapshot()));
        Navigation.NavigateTo("/patterns/ambassador?session=amb-1");

        var cut = RenderPage();

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("[data-stat=attempts-per-request]")));
        Assert.True(cut.Instance.CanControl);
        ClassroomPageChecks.AssertClassroomComponents(cut, LessonId);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Service down");
    }
}

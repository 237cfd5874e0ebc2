using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Web.Components.Patterns.CircuitBreaker;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;

namespace PatternDashboard.Web.Tests.Components.CircuitBreaker;

/// <summary>The Circuit Breaker page in a classroom: a student watching a room, and a learner with the lesson, timeline and recording tools.</summary>
public sealed class CircuitBreakerClassroomTests : DashboardTestContext
{
    private const string LessonId = "circuit-breaker/failing-fast";

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static FakeSimulationSession BreakerSession(string id, CircuitBreakerCluster cluster, string owner = "browser-1") =>
        new(id, CircuitBreakerStates.State(cluster, id), CircuitBreakerPattern.Faults) { Pattern = CircuitBreakerPattern.Descriptor, OwnerId = owner };

    private IRenderedComponent<CircuitBreakerPage> RenderPage()
    {
        RenderPopovers();
        return Render<CircuitBreakerPage>(p => p.AddCascadingValue("BrowserId", "browser-1"));
    }

    /// <summary>MudBlazor puts the data attribute on the input itself or on its wrapper, depending on the field.</summary>
    private static AngleSharp.Dom.IElement FailureRatioField(IRenderedComponent<CircuitBreakerPage> cut) =>
        cut.Find("[data-option=failure-ratio]") is { TagName: "INPUT" } input ? input : cut.Find("[data-option=failure-ratio] input");

    [Fact]
    public async Task Student_InARoom_SeesTheBreakersButNoControl()
    {
        // An open breaker, so "Close circuit" would be live for anyone allowed to press it.
        var cluster = CircuitBreakerStates.WithOpenBreaker();
        Manager.NewSession = (id, owner) => BreakerSession(id, cluster, owner);
        var created = Rooms.Create("teacher-browser", CircuitBreakerPattern.Id, new CreateSessionRequest());
        Navigation.NavigateTo($"/patterns/circuit-breaker?room={created.Room.Code}");

        var cut = RenderPage();

        await cut.WaitForAssertionAsync(() => Assert.Equal(2, cut.FindAll(".breaker-column").Count));
        ClassroomPageChecks.AssertWatchOnly(cut);
        Assert.Empty(cut.FindAll(".card-actions"));
        Assert.Empty(cut.FindAll(".service-faults .fault-row"));
        Assert.Empty(cut.FindAll(".breaker-options .form-actions"));
        // The options in force still show, read-only.
        var ratio = FailureRatioField(cut);
        Assert.True(ratio.HasAttribute("disabled"));
        Assert.Equal("0.5", ratio.GetAttribute("value"));
        Assert.NotNull(cut.Find("[aria-label=Lesson]"));
        var session = Manager.Session(created.Room.Session.Id);
        Assert.Empty(session.Injected);
        Assert.Empty(session.Controls);
    }

    [Fact]
    public async Task Learner_OwnRun_HasTheLessonTimelineRecordingAndBreakerControls()
    {
        Manager.Add(BreakerSession("cb-1", CircuitBreakerStates.WithOpenBreaker()));
        Navigation.NavigateTo("/patterns/circuit-breaker?session=cb-1");

        var cut = RenderPage();

        await cut.WaitForAssertionAsync(() => Assert.Equal(2, cut.FindAll(".breaker-column").Count));
        Assert.True(cut.Instance.CanControl);
        ClassroomPageChecks.AssertClassroomComponents(cut, LessonId);
        Assert.False(FailureRatioField(cut).HasAttribute("disabled"));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Close circuit of Service A").Click();
        var injected = Assert.Single(Manager.Session("cb-1").Injected);
        Assert.Equal((CircuitBreakerPattern.Fault.Close, CircuitBreakerPattern.ServiceA), (injected.FaultId, injected.Target));
    }
}

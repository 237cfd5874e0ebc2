using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Components;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Classroom;
using PatternDashboard.Web.Tests.Fakes;

namespace PatternDashboard.Web.Tests.Components.Patterns;

/// <summary>
/// What every registered pattern's page does, whatever the pattern: a route built from its id, a new run that opens
/// live, a reload that resumes as it is, the dashboard's parts, and nothing a watcher could press to change a room.
/// A new pattern is covered by adding it to the registry.
/// </summary>
public sealed class PatternPageContractTests : DashboardTestContext
{
    public static TheoryData<string> PatternIds => [.. PatternCatalog.CreateRegistry().All.Select(p => p.Id)];

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static PatternDescriptor PatternOf(string id) => PatternCatalog.CreateRegistry().Get(id);

    /// <summary>The page component whose route is the pattern's address.</summary>
    private static Type PageFor(string patternId) =>
        new[] { typeof(PatternPageBase).Assembly, typeof(Program).Assembly }.SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(PatternPageBase)) && !t.IsAbstract)
            .SingleOrDefault(t => t.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == DashboardUrls.Pattern(patternId)))
        ?? throw new Xunit.Sdk.XunitException($"No page has the route {DashboardUrls.Pattern(patternId)}.");

    /// <summary>A session of the real pattern's first snapshot, paused at t = 0, as a new run starts.</summary>
    private static FakeSimulationSession SessionOf(PatternDescriptor pattern, string id, string owner = "browser-1")
    {
        var simulation = pattern.CreateSimulation(7);
        return new FakeSimulationSession(id, new SessionState(id, simulation.CreateSnapshot(), SessionStatus.Paused, 1, null, 0), simulation.FaultCatalog)
        {
            Pattern = pattern,
            OwnerId = owner,
        };
    }

    private IRenderedComponent<PatternPage> RenderPage(string patternId, string? query = null)
    {
        var pattern = PatternOf(patternId);
        Manager.NewSession = (id, owner) => SessionOf(pattern, id, owner);
        Navigation.NavigateTo(DashboardUrls.Pattern(patternId) + query);
        RenderPopovers();
        var page = PageFor(patternId);
        var host = Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });
        return host.FindComponent<PatternPage>();
    }

    [Fact]
    public void Registry_EveryPatternHasExactlyOnePage()
    {
        foreach (var pattern in PatternCatalog.CreateRegistry().All)
        {
            Assert.Equal(pattern.Id, ((PatternPageBase)Activator.CreateInstance(PageFor(pattern.Id))!).Pattern.Id);
        }
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task Route_RendersTheDashboard(string patternId)
    {
        var cut = RenderPage(patternId);

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("svg.topology-svg g.node")));
        var pattern = PatternOf(patternId);
        Assert.Equal(pattern.Title, cut.Find("h1").TextContent.Trim());
        Assert.NotNull(cut.Find("[role=toolbar][aria-label='Time controls']"));
        Assert.NotNull(cut.Find(".dash-side .key-state h2"));
        Assert.NotNull(cut.Find(".dash-side [aria-label=Invariants]"));
        Assert.NotNull(cut.Find(".dash-side [aria-label=Faults] [aria-label='Active faults']"));
        // Every node carries its state in words, not by colour alone.
        Assert.All(cut.FindAll("svg.topology-svg g.node"), node => Assert.False(string.IsNullOrWhiteSpace(node.GetAttribute("aria-label"))));
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task NewRun_OpensRunning(string patternId)
    {
        var cut = RenderPage(patternId);

        var session = Manager.Session("fake-1");
        await cut.WaitForAssertionAsync(() => Assert.Equal([(ControlAction.Play, (double?)null)], session.Controls));
        Assert.EndsWith("?session=fake-1", Navigation.Uri);
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task NewRun_PausedInTheAddress_StaysStill(string patternId)
    {
        var cut = RenderPage(patternId, "?paused=1");

        await cut.WaitForAssertionAsync(() => Assert.Single(Manager.Created));
        Assert.Empty(Manager.Session("fake-1").Controls);
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task Reload_WithSessionInTheAddress_ResumesItAsItIs(string patternId)
    {
        var kept = Manager.Add(SessionOf(PatternOf(patternId), "kept"));

        var cut = RenderPage(patternId, "?session=kept");

        await cut.WaitForAssertionAsync(() => Assert.Equal(1, kept.ViewerCount));
        Assert.Empty(Manager.Created);
        Assert.Empty(kept.Controls);
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task Student_InARoom_HasNoControlAndChangesNothing(string patternId)
    {
        var pattern = PatternOf(patternId);
        Manager.NewSession = (id, owner) => SessionOf(pattern, id, owner);
        var created = Rooms.Create("teacher-browser", patternId, new CreateSessionRequest());

        var cut = RenderPage(patternId, $"?room={created.Room.Code}");

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("svg.topology-svg g.node")));
        ClassroomPageChecks.AssertWatchOnly(cut.Instance.Page, cut);
        Assert.Empty(cut.FindAll("[role=toolbar] button, [role=toolbar] select"));
        var session = Manager.Session(created.Room.Session.Id);
        Assert.Empty(session.Injected);
        Assert.Empty(session.Controls);
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task Learner_OwnRun_HasLessonsTimeTravelRecordingAndEveryClusterFault(string patternId)
    {
        var cut = RenderPage(patternId);

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("svg.topology-svg g.node")));
        foreach (var lesson in ShippedLessons.Library.ForPattern(patternId))
        {
            ClassroomPageChecks.AssertClassroomComponents(cut, lesson.Id);
        }
        var buttons = cut.FindAll("[aria-label='Cluster faults'] button").Select(b => b.TextContent.Trim()).ToList();
        foreach (var fault in Manager.Session("fake-1").FaultCatalog.Where(f => f.Target == FaultTarget.None && !f.IsBreakIt))
        {
            Assert.Contains(fault.Label, buttons);
        }
        var switches = cut.FindAll("[aria-label='Break it'] [data-break-it]").Select(s => s.GetAttribute("data-break-it")).ToList();
        Assert.Equal(Manager.Session("fake-1").FaultCatalog.Where(f => f.IsBreakIt).Select(f => f.Id), switches);
        Assert.All(cut.FindAll("[aria-label='Break it'] [data-break-it]"), row => Assert.NotNull(row.QuerySelector("input[role=switch]")));
    }

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task SideOfAComparison_DrawsTheOtherRunsLiveViewKeyStateAndInvariants_WithNoControl(string patternId)
    {
        var other = SessionOf(PatternOf(patternId), "other-run");
        RenderPopovers();
        var host = Render(builder =>
        {
            builder.OpenComponent(0, PageFor(patternId));
            builder.AddComponentParameter(1, nameof(PatternPageBase.SideSession), other);
            builder.AddComponentParameter(2, nameof(PatternPageBase.SideTitle), "With “Break it”");
            builder.CloseComponent();
        });
        var cut = host.FindComponent<PatternPage>();

        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll("svg.topology-svg g.node")));
        var side = cut.Find("section.compare-side");
        Assert.Equal("With “Break it”", side.GetAttribute("aria-label"));
        Assert.Equal("With “Break it”", side.QuerySelector("h2")!.TextContent.Trim());
        Assert.NotNull(side.QuerySelector("[aria-label='Invariants']"));
        Assert.NotNull(side.QuerySelector(".key-state"));
        Assert.Empty(cut.FindAll("[role=toolbar], [aria-label='Cluster faults'], .dash-tabs, [data-testid=compare-menu]"));
        Assert.Empty(other.Injected);
        Assert.Empty(other.Controls);
        Assert.Empty(Manager.Created);
    }
}

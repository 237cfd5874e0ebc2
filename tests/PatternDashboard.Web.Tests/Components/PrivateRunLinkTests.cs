using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Patterns.LeaderElection;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>A link to another browser's private run opens it read-only, saying so; the owner's own link keeps control.</summary>
public sealed class PrivateRunLinkTests : DashboardTestContext
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<LeaderElectionPage> RenderPage() =>
        Render<LeaderElectionPage>();

    [Fact]
    public async Task AnotherBrowsersRun_IsWatchedReadOnly_WithANoteOnHowToGetYourOwn()
    {
        var theirs = Manager.Add(new FakeSimulationSession("theirs", TestStates.LeaderElection("theirs")) { OwnerId = "browser-2" });
        Navigation.NavigateTo("/patterns/leader-election?session=theirs");

        var cut = RenderPage();

        Assert.Empty(Manager.Created);
        Assert.False(cut.Instance.CanControl);
        Assert.IsType<WatchOnlySession>(cut.Instance.Session);
        await cut.WaitForAssertionAsync(() => Assert.Equal(1, theirs.ViewerCount));
        Assert.Contains("belongs to someone else, so you are watching it read-only", cut.Markup);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Play");
        var refused = await Assert.ThrowsAsync<ReadOnlySessionException>(() => cut.Instance.Session!.InjectFaultAsync(new FaultRequest("crash-leader")));
        Assert.Contains("read-only view", refused.Message);
        Assert.Empty(theirs.Injected);
        Assert.Empty(theirs.Controls);
    }

    [Fact]
    public void ThisBrowsersOwnRun_KeepsControl()
    {
        Manager.Add(new FakeSimulationSession("mine", TestStates.LeaderElection("mine")) { OwnerId = "browser-1" });
        Navigation.NavigateTo("/patterns/leader-election?session=mine");

        var cut = RenderPage();

        Assert.True(cut.Instance.CanControl);
        Assert.IsNotType<WatchOnlySession>(cut.Instance.Session);
        Assert.DoesNotContain("belongs to someone else", cut.Markup);
    }
}

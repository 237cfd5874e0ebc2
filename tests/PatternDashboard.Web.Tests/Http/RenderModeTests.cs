using System.Net;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components;
using PatternDashboard.Web.Tests.Hubs;

namespace PatternDashboard.Web.Tests.Http;

/// <summary>A page of the browser project is sent to run in the browser (WebAssembly); the rest run on the server.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RenderModeTests(DashboardFactory app)
{
    private async Task<string> PageAsync(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task LeaderElection_RunsInTheBrowser()
    {
        string html = await PageAsync(DashboardUrls.Pattern(LeaderElectionPattern.Id));

        Assert.Contains("\"type\":\"webassembly\"", html);
        Assert.Contains(typeof(BrowserRoutes).FullName!, html);
        Assert.DoesNotContain("\"type\":\"server\"", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/join")]
    public async Task OtherPages_RunOnTheServer(string path)
    {
        string html = await PageAsync(path);

        Assert.Contains("\"type\":\"server\"", html);
        Assert.DoesNotContain("\"type\":\"webassembly\"", html);
    }

    [Fact]
    public async Task APatternNotMovedYet_RunsOnTheServer()
    {
        string html = await PageAsync(DashboardUrls.Pattern(CircuitBreakerPattern.Id));

        Assert.Contains("\"type\":\"server\"", html);
    }
}

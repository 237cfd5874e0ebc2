using System.Net;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Components;
using PatternDashboard.Web.Tests.Hubs;

namespace PatternDashboard.Web.Tests.Http;

/// <summary>Every pattern page is sent to run in the browser (WebAssembly); the static pages run on the server.</summary>
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

    public static TheoryData<string> PatternIds => [.. PatternCatalog.CreateRegistry().All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(PatternIds))]
    public async Task PatternPage_RunsInTheBrowser(string patternId)
    {
        string html = await PageAsync(DashboardUrls.Pattern(patternId));

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
}

using System.Net;
using PatternDashboard.Web.Hosting;
using PatternDashboard.Web.Tests.Hubs;

namespace PatternDashboard.Web.Tests.Http;

/// <summary>What every response carries: the hardening headers, Blazor's frame-ancestors policy, one browser cookie; and HEAD answers.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ResponseHeaderTests(DashboardFactory app)
{
    public static TheoryData<string> Paths => ["/", "/join", "/no-such-page"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryPage_SendsNosniffReferrerAndPermissionsPolicies(string path)
    {
        using var client = app.CreateClient(new() { HandleCookies = false });

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        string permissions = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()" })
        {
            Assert.Contains(feature, permissions);
        }
    }

    [Fact]
    public async Task Pages_KeepTheFrameAncestorsPolicy()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Contains(response.Headers.GetValues("Content-Security-Policy"), v => v.Contains("frame-ancestors 'self'"));
    }

    [Fact]
    public async Task StaticFiles_SendNosniffToo()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/app.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task AFirstVisit_SetsTheBrowserCookieOnce(string path)
    {
        using var client = app.CreateClient(new() { HandleCookies = false });

        using var response = await client.GetAsync(path);

        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BrowserId.CookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HeadRoot_Answers200_WithTheHeadersAndNoBody()
    {
        using var client = app.CreateClient(new() { HandleCookies = false });

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HeadOfAMissingPage_Answers404()
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/no-such-page"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

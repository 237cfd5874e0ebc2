using System.Net;
using PatternDashboard.Web.Hosting;
using PatternDashboard.Web.Tests.Hubs;

namespace PatternDashboard.Web.Tests.Http;

[Collection(DashboardCollection.Name)]
public sealed class HomePageTests(DashboardFactory app)
{
    [Fact]
    public async Task GetRoot_Returns200WithThePageTitle()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>PatternDashboard</title>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetRoot_WithoutCookie_IssuesALongLivedBrowserId()
    {
        using var client = app.CreateClient(new() { HandleCookies = false });

        using var response = await client.GetAsync("/");

        string cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BrowserId.CookieName + "="));
        string id = cookie[(BrowserId.CookieName.Length + 1)..cookie.IndexOf(';')];
        Assert.True(BrowserId.IsValid(id), id);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=34560000", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetRoot_WithACookie_KeepsIt()
    {
        using var client = app.CreateClient(new() { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"{BrowserId.CookieName}={new string('a', 32)}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(BrowserId.CookieName)));
    }

    [Fact]
    public async Task GetRoot_WithAForgedCookie_ReplacesIt()
    {
        using var client = app.CreateClient(new() { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"{BrowserId.CookieName}=<script>");

        using var response = await client.SendAsync(request);

        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BrowserId.CookieName + "="));
    }
}

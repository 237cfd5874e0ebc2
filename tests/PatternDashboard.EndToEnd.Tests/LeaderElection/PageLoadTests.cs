using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

[Collection(EndToEndCollection.Name)]
public sealed class PageLoadTests(AppServerFixture app, BrowserFixture browser)
{
    /// <summary>
    /// Opening the page by its address renders it once. Today PatternPageBase puts the new session in the address
    /// with NavigateTo during the first interactive render, before the router intercepts navigation, so
    /// blazor.web.js fetches the whole page again as an enhanced navigation (GET ...?session=…), a server render
    /// that is thrown away and that the browser sometimes aborts.
    /// </summary>
    [Fact]
    public async Task Open_ByAddress_FetchesThePageOnlyOnce()
    {
        var pageFetches = new List<string>();
        await using var session = await browser.OpenAsync(app, "/");
        session.Page.Request += (_, request) =>
        {
            if (request.ResourceType != "document" && request.Url.Contains(LeaderElectionPage.Path, StringComparison.Ordinal))
            {
                pageFetches.Add($"{request.ResourceType} {request.Url}");
            }
        };
        var election = new LeaderElectionPage(session.Page);
        await election.OpenAsync(session);
        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?session="));
        await election.PlayAsync();
        await election.WaitForLeaderAsync();

        Assert.Empty(pageFetches);
        Assert.Empty(session.CancelledFetches);
        session.AssertNoFailedRequests();
        session.AssertNoConsoleErrors();
    }
}

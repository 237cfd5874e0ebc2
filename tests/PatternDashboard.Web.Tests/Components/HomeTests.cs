using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Layout;
using PatternDashboard.Web.Components.Pages;

namespace PatternDashboard.Web.Tests.Components;

public sealed class HomeTests : DashboardTestContext
{
    private PatternRegistry Registry => Services.GetRequiredService<PatternRegistry>();

    [Fact]
    public void Render_ListsEveryPatternOfTheRegistryAndNothingElse()
    {
        var cut = Render<Home>();

        var cards = cut.FindAll("[data-pattern]");
        Assert.Equal(Registry.All.Select(p => p.Id), cards.Select(c => c.GetAttribute("data-pattern")));
        var card = cards[0];
        Assert.Contains("Leader Election", card.QuerySelector("h2")!.TextContent);
        Assert.Contains(Registry.Get("leader-election").Summary, card.TextContent);
    }

    [Fact]
    public void Render_EachCardLinksToItsPatternPage()
    {
        var cut = Render<Home>();

        var link = cut.Find("a[href='/patterns/leader-election']");
        Assert.Equal("Open Leader Election", link.TextContent.Trim());
    }

    [Fact]
    public void NavMenu_ListsHomeAndEveryPattern()
    {
        var cut = Render<NavMenu>();

        var links = cut.FindAll("a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Equal([("/", "Home"), .. Registry.All.Select(p => ((string?)$"/patterns/{p.Id}", p.Title))], links);
    }
}

using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;

namespace PatternDashboard.EndToEnd.Tests.ApiGateway;

/// <summary>The API Gateway page as a person finds it: controls, nodes, the key state and the panels by their names.</summary>
internal sealed class ApiGatewayPage(IPage page) : PatternPageObject(page, "API Gateway")
{
    public const string Path = "/patterns/api-gateway";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    /// <summary>A figure of the key state beside the live view.</summary>
    public ILocator Stat(string name) => Region("Gateway").Locator($"[data-stat={name}]");

    /// <summary>A cell of the clients table: state, sent, allowed, limited, refused, level, peak, answers.</summary>
    public ILocator ClientCell(string client, string column) =>
        Region("Clients and their limiters").Locator($"tr[data-client={client}] [data-col={column}]");
}

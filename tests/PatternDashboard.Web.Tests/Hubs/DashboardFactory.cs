using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hosting;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>
/// The real app on an in-memory test server, with the ping test pattern added to its registry, and SignalR
/// clients that reach its hub through the server's own WebSocket client.
/// </summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    public const int MaxSessionsPerOwner = 4;

    public SessionManager Sessions => Services.GetRequiredService<SessionManager>();

    /// <summary>What the app logged, down to Debug for the hub's own categories.</summary>
    public CapturedLogs Logs { get; } = new();

    public async Task<HubConnection> ConnectAsync()
    {
        var server = Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, SimulationHub.Path.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.WebSocketFactory = async (context, cancellationToken) =>
                    await server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>
    /// A connection as a pattern page in a browser makes it: the hub's JSON settings and the browser's cookie, so the
    /// runs it creates belong to <paramref name="browserId"/> (32 hex characters). Not started: the page backend starts it.
    /// </summary>
    public HubConnection PageConnection(string browserId)
    {
        var server = Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, SimulationHub.Path.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Cookie = $"{BrowserId.CookieName}={browserId}";
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .AddJsonProtocol(options => HubJson.Configure(options.PayloadSerializerOptions))
            .Build();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepositoryRoot);
        builder.UseEnvironment("Development");
        // Added after the app's own settings files, so these win over them.
        var settings = new Dictionary<string, string?>
        {
            ["Sessions:MaxSessionsPerOwner"] = MaxSessionsPerOwner.ToString(),
            ["Logging:LogLevel:PatternDashboard.Web.Hubs.HubInputErrorFilter"] = "Debug",
        };
        // Every test client shares one address here; the rate-limit tests use their own app with low limits.
        foreach (var (name, value) in Settings)
        {
            settings[name] = value;
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services.AddSingleton<PatternRegistry>(PingPattern.CreateRegistry()));
    }

    /// <summary>Settings over the app's own; the rate limits here are high enough that no test but the rate-limit tests meets them.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimits:RoomCodeGuessesPerConnection"] = "10000",
        ["RateLimits:RoomCodeGuessesPerAddress"] = "100000",
        ["RateLimits:SessionsPerConnection"] = "10000",
        ["RateLimits:SessionsPerAddress"] = "100000",
        ["RateLimits:RoomsPerConnection"] = "10000",
        ["RateLimits:RoomsPerAddress"] = "100000",
    };

    private static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PatternDashboard.sln")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("PatternDashboard.sln not found above the test assembly.");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFactory>
{
    public const string Name = "Dashboard app";
}

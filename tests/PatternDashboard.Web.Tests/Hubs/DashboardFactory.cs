using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>
/// The real app on an in-memory test server, with the ping test pattern added to its registry, and SignalR
/// clients that reach its hub through the server's own WebSocket client.
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<Program>
{
    public const int MaxSessionsPerOwner = 4;

    public SessionManager Sessions => Services.GetRequiredService<SessionManager>();

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepositoryRoot);
        builder.UseEnvironment("Development");
        builder.UseSetting("Sessions:MaxSessionsPerOwner", MaxSessionsPerOwner.ToString());
        builder.ConfigureTestServices(services => services.AddSingleton<PatternRegistry>(PingPattern.CreateRegistry()));
    }

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

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.LoadTool;

/// <summary>The app being loaded: started in this process on a free loopback port, or one already running on this machine.</summary>
internal sealed class AppUnderTest : IAsyncDisposable
{
    private readonly InProcessApp? inProcess;

    private AppUnderTest(Uri baseAddress, InProcessApp? inProcess)
    {
        BaseAddress = baseAddress;
        this.inProcess = inProcess;
    }

    public Uri BaseAddress { get; }

    /// <summary>True when the app runs in this process, so its heap and CPU can be read (they include the tool's own clients).</summary>
    public bool InProcess => inProcess is not null;

    /// <summary>Errors the in-process app logged (its unhandled exceptions); null for a running app, whose log is its own.</summary>
    public ServerErrors? Errors => inProcess?.Errors;

    /// <summary>Starts the app in process (with <paramref name="settings"/> over its own) or names the running one.</summary>
    public static AppUnderTest Start(LoadToolOptions options, IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (options.Url is { } url)
        {
            return new AppUnderTest(url, null);
        }
        var app = new InProcessApp(options.UpdatesPerSecond, settings ?? new Dictionary<string, string?>());
        // Port 0: a free one. Every connection's output is counted, for the bytes each viewer costs on the wire.
        app.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Use(WireCounter.Count)));
        app.StartServer();
        var address = app.ClientOptions.BaseAddress;
        if (address.Port == 0 || !address.IsLoopback)
        {
            throw new InvalidOperationException($"The app did not start on a loopback port: {address}.");
        }
        return new AppUnderTest(address, app);
    }

    /// <summary>A new hub connection, already connected.</summary>
    public async Task<HubConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            // Offers permessage-deflate as browsers do, so the hub's compressed stream is what is measured.
            .WithUrl(new Uri(BaseAddress, SimulationHub.Path.TrimStart('/')), http => http.WebSocketConfiguration = socket =>
                socket.DangerousDeflateOptions = new System.Net.WebSockets.WebSocketDeflateOptions())
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .Build();
        await connection.StartAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (inProcess is not null)
        {
            await inProcess.DisposeAsync();
        }
    }

    /// <summary>The real app on Kestrel, configured as <c>dotnet run</c> configures it, with the publish rate under test.</summary>
    private sealed class InProcessApp(int updatesPerSecond, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        public ServerErrors Errors { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(RepositoryRoot());
            builder.UseEnvironment("Development");
            builder.ConfigureLogging(logging => logging.AddProvider(Errors));
            // Added after the app's own settings files, so these win over them.
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings).AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sessions:SnapshotsPerSecond"] = updatesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Every client of the tool comes from one loopback address, which the per-address limits would soon refuse.
                ["RateLimits:RoomCodeGuessesPerAddress"] = "100000",
                ["RateLimits:SessionsPerAddress"] = "100000",
                ["RateLimits:RoomsPerAddress"] = "100000",
                // Session open/close lines would bury the report; warnings and errors still show.
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            }));
        }

        /// <summary>The app's settings and wwwroot live at the repository root, above the tool's output folder.</summary>
        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PatternDashboard.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Run the tool from the repository (PatternDashboard.sln not found above it).");
        }
    }
}

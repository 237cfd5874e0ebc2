using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PatternDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the real PatternDashboard app in this process on Kestrel, on a free loopback port (127.0.0.1:0),
/// so a real browser can reach it. One instance is shared by every test in <see cref="EndToEndCollection"/>.
/// </summary>
/// <remarks>
/// The app runs in the Development environment (the factory's default) with the repository root as its content
/// root, as <c>dotnet run</c> does: the root <c>appsettings.json</c> is its configuration and the root
/// <c>wwwroot/</c> its web root. Static web assets (MudBlazor's <c>_content/</c>, <c>_framework/blazor.web.js</c>,
/// the scoped css bundle) are served through the build's static web assets manifests, which the project reference
/// copies next to the test assembly.
/// </remarks>
public sealed class AppServerFixture : IAsyncLifetime
{
    private readonly Factory factory = new();

    /// <summary>The root address of the running app, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's services, for tests that need to look inside (sessions, options).</summary>
    public IServiceProvider Services => factory.Services;

    /// <summary>The absolute address of <paramref name="path"/> on the running app.</summary>
    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    /// <summary>An HTTP client aimed at the running app (a real socket, not an in-memory test server).</summary>
    public HttpClient CreateClient() => factory.CreateClient();

    public Task InitializeAsync()
    {
        factory.UseKestrel(0);
        factory.StartServer();
        BaseAddress = factory.ClientOptions.BaseAddress;
        if (BaseAddress.Port == 0 || BaseAddress.Host != "127.0.0.1")
        {
            throw new InvalidOperationException($"The app did not report a loopback port: {BaseAddress}.");
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private sealed class Factory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // The factory would use src/PatternDashboard.Web; the app's settings and wwwroot live at the root.
            builder.UseContentRoot(RepositoryRoot.Path);
            builder.UseEnvironment("Development");
        }
    }
}

using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;
using PatternDashboard.Simulation.Patterns;

namespace PatternDashboard.Web;

/// <summary>The browser's entry point: the pattern pages' services, then the app.</summary>
internal static class BrowserApp
{
    private static async Task Main(string[] args)
    {
        var builder = WebAssemblyHostBuilder.CreateDefault(args);
        builder.Services.AddMudServices();
        builder.Services.AddSingleton(_ => PatternCatalog.CreateRegistry());
        await builder.Build().RunAsync();
    }
}

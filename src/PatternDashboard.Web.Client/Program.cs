using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web;

/// <summary>The browser's entry point: the pattern pages' services, then the app.</summary>
internal static class BrowserApp
{
    private static async Task Main(string[] args)
    {
        var builder = WebAssemblyHostBuilder.CreateDefault(args);
        builder.Services.AddMudServices();
        builder.Services.AddSingleton(_ => PatternCatalog.CreateRegistry());
        var hubUrl = new Uri(new Uri(builder.HostEnvironment.BaseAddress), HubAddress.Path.TrimStart('/'));
        builder.Services.AddScoped<IPageBackend>(sp => new HubPageBackend(HubPageBackend.Connect(hubUrl), sp.GetRequiredService<PatternRegistry>()));
        await builder.Build().RunAsync();
    }
}

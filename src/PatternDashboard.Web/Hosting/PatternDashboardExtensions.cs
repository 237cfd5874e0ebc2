using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Components;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Sessions.Comparisons;

namespace PatternDashboard.Web.Hosting;

public static class PatternDashboardExtensions
{
    /// <summary>Largest hub message accepted: a recording file plus room for the message around it.</summary>
    public const long MaxHubMessageBytes = Recording.MaxFileBytes + 64 * 1024;

    public static WebApplicationBuilder AddPatternDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents().AddInteractiveWebAssemblyComponents();
        services.AddMudServices();

        services.AddOptions<SessionLimits>()
            .Bind(builder.Configuration.GetSection(SessionLimits.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => PatternCatalog.CreateRegistry());
        services.AddSingleton<SessionManager>();
        services.AddSingleton<ISessionManager>(sp => sp.GetRequiredService<SessionManager>());
        services.AddHostedService<SessionPacer>();
        services.AddSingleton<ComparisonManager>();
        services.AddHostedService<IdleSessionEvictor>();
        services.TryAddSingleton(sp => LessonLibrary.Load(
            LessonLibrary.FindFolder(sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sp.GetRequiredService<PatternRegistry>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<LessonLibrary>()));

        services.AddOptions<RoomLimits>()
            .Bind(builder.Configuration.GetSection(RoomLimits.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RoomManager>();
        services.AddSingleton<IRoomManager>(sp => sp.GetRequiredService<RoomManager>());
        services.AddHostedService<RoomExpiryService>();
        services.AddScoped<InProcessPageBackend>();
        services.AddScoped<IPageBackend>(sp => sp.GetRequiredService<InProcessPageBackend>());

        services.AddOptions<ClientRateLimits>()
            .Bind(builder.Configuration.GetSection(ClientRateLimits.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddJoinRateLimit();

        services.AddSingleton<HubInputErrorFilter>();
        services.AddSingleton<HubRateLimitFilter>();
        services.AddSignalR()
            .AddHubOptions<SimulationHub>(options =>
            {
                options.MaximumReceiveMessageSize = MaxHubMessageBytes;
                // So a refused binding says why ("Error binding arguments...", "provides 1 argument(s) but target expects 2");
                // HubInputErrorFilter turns every other exception into a HubException first, so no server detail goes out.
                options.EnableDetailedErrors = true;
                // Outermost first: a call the rate limit refuses is logged like any other refused call.
                options.AddFilter<HubInputErrorFilter>();
                options.AddFilter<HubRateLimitFilter>();
            })
            .AddJsonProtocol(options =>
            {
                HubJson.Configure(options.PayloadSerializerOptions);
                // A published snapshot goes to every viewer: serialize it once, not once per connection.
                options.PayloadSerializerOptions.Converters.Add(new SnapshotInfoJsonConverter());
            });
        return builder;
    }

    public static WebApplication UsePatternDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRateLimiter();
        app.UseHeadAsGet();
        app.UseHubCompression(SimulationHub.Path);
        // Routing chooses the endpoint here, after HEAD became GET (by default it would run first, and find none for HEAD).
        app.UseRouting();
        app.UseBrowserId();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHub<SimulationHub>(SimulationHub.Path);
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(BrowserRoutes).Assembly);
        return app;
    }
}

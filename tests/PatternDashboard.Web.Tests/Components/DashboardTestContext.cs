using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Sessions.Comparisons;
using PatternDashboard.Web.Tests.Fakes;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor, loose JS interop, the real pattern registry and a fake session manager, rendering
/// interactively (as a circuit does, not as the prerender).
/// </summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(PatternCatalog.CreateRegistry());
        Services.AddSingleton<ISessionManager>(Manager);
        Rooms = new RoomManager(Manager, Options.Create(new RoomLimits()), TimeProvider.System, NullLogger<RoomManager>.Instance);
        Services.AddSingleton<IRoomManager>(Rooms);
        Services.AddSingleton(PatternDashboard.Web.Tests.Classroom.ShippedLessons.Library);
        Backend = new InProcessPageBackend(Manager, Rooms, PatternDashboard.Web.Tests.Classroom.ShippedLessons.Library, Comparisons) { BrowserId = BrowserId };
        Services.AddSingleton<IPageBackend>(Backend);
        Services.AddSingleton(Comparisons);
        Services.AddSingleton(new PatternDashboard.Web.Hubs.HubRateLimitFilter(Options.Create(new PatternDashboard.Web.Hosting.ClientRateLimits())));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The browser the pages act for, as the server's router would set it from the cookie.</summary>
    protected const string BrowserId = "browser-1";

    protected FakeSessionManager Manager { get; } = new();

    protected InProcessPageBackend Backend { get; }

    /// <summary>Comparisons over a real session manager of their own: the fake sessions cannot be copied.</summary>
    protected static ComparisonManager Comparisons { get; } = new(
        new SessionManager(PatternCatalog.CreateRegistry(), Options.Create(new SessionLimits()), TimeProvider.System, NullLoggerFactory.Instance),
        NullLogger<ComparisonManager>.Instance);

    /// <summary>Real rooms over the fake sessions.</summary>
    protected RoomManager Rooms { get; }

    /// <summary>A session already known to the manager, as if a viewer had created it.</summary>
    protected FakeSimulationSession AddSession(SessionState? state = null, string id = "fake-1") =>
        Manager.Add(new FakeSimulationSession(id, state ?? TestStates.LeaderElection(id)));

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that can only be disposed asynchronously; xunit then calls Dispose, a no-op.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    /// <summary>Menus and selects render their lists here.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopovers() => Render<MudPopoverProvider>();
}

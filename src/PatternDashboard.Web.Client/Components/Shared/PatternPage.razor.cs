using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// The layout every pattern page shares, a dashboard: title and the clock toolbar on one line; the live view beside
/// the pattern's key state, the invariants and the faults, all on the first screen; the pattern's own panels, time
/// travel, the event log, lessons and recordings in tabs below. A pattern's page fills the slots and nothing else.
/// </summary>
public partial class PatternPage : IAsyncDisposable
{
    // The tabs below the first screen; only the open one re-renders with each update.
    private const int PanelsTab = 0, TimeTravelTab = 1, MessagesTab = 2, EventLogTab = 3, LessonsTab = 4, RecordingTab = 5;

    private bool infoOpen;
    private ElementReference tabsArea;
    // The pattern's own panels (charts, tables) sit below the first screen of a projector. Redrawn with every update,
    // they were a quarter of what a page cost its browser, so they render only while on screen (the browser says when)
    // and catch up when scrolled to. Until the browser has said, they count as on screen.
    private bool panelsOnScreen = true;
    private DotNetObjectReference<PatternPage>? selfReference;
    private IJSObjectReference? onScreenWatch;
    private string? watchedTabsId;
    private string? selectedNode;
    private int openTab;
    // The tab strip renders only when what it shows changes; the open tab's content follows each update by itself.
    private readonly PageRedraws redraws = new();

    /// <summary>The pattern page whose session this lays out. Required.</summary>
    [Parameter, EditorRequired] public PatternPageBase Page { get; set; } = default!;

    /// <summary>The live view's region name, such as "Caller and services". Default: "Cluster".</summary>
    [Parameter] public string LiveViewTitle { get; set; } = "Cluster";

    /// <summary>The key state's heading and region name, such as "Leadership". Default: "State".</summary>
    [Parameter] public string KeyStateTitle { get; set; } = "State";

    /// <summary>The pattern's key state, beside the live view on the first screen: a few big numbers. Default: none.</summary>
    [Parameter] public RenderFragment? KeyState { get; set; }

    /// <summary>The pattern's own panels (tables, charts), in the first tab below the live view. Default: none.</summary>
    [Parameter] public RenderFragment? Panels { get; set; }

    /// <summary>The first tab's name. Default: "Details".</summary>
    [Parameter] public string PanelsTitle { get; set; } = "Details";

    private SimulationSnapshot Snapshot => Page.State!.Snapshot;

    private string SideName => Page.SideTitle ?? (Page.Comparison is { } c ? WithoutTitle(c.Info) : LiveViewTitle);

    private static string WithoutTitle(ComparisonInfo info) => $"Without “{info.Difference}”";

    private string FaultTitle => Page.FaultAim switch
    {
        ComparisonSide.Without => "Faults: the run without only",
        ComparisonSide.With => "Faults: the run with only",
        _ => "Faults: both runs",
    };

    private Dictionary<string, object?> SideParameters(OpenedComparison comparison) => new()
    {
        [nameof(PatternPageBase.SideSession)] = comparison.With,
        [nameof(PatternPageBase.SideTitle)] = $"With “{comparison.Info.Difference}”",
        // The numbers of both runs are drawn here from the side's latest state, which may land after this page's last
        // update once both stand still; calling back re-renders this layout.
        [nameof(PatternPageBase.SideSettled)] = EventCallback.Factory.Create(this, () => { }),
    };

    private string AboutTitle => $"About {Page.Pattern.Title}";

    private bool LessonRunning => Page.Session?.Lesson is not null;

    // Without panels of its own a pattern has no first tab, and the others move up one.
    private bool IsOpen(int tab) => openTab == (Panels is null ? tab - 1 : tab);

    private (int, bool, bool, object?, bool) TabsKey => (openTab, panelsOnScreen, Panels is null, Page.Session, LessonRunning);

    [Inject] public required IJSRuntime JS { get; init; }

    protected override void OnParametersSet() => redraws.Announce();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The gate takes the tabs away while a run starts (a fork, a new run) and brings new ones: those are watched
        // afresh, since the old element, gone from the page, would count as off screen for good.
        if (tabsArea.Context is null || tabsArea.Id == watchedTabsId || !RendererInfo.IsInteractive)
        {
            return;
        }
        watchedTabsId = tabsArea.Id;
        await StopWatchingPanelsAsync();
        panelsOnScreen = true;
        selfReference ??= DotNetObjectReference.Create(this);
        // Without the watch the panels simply always render, as before.
        _ = await SafeRun.TryAsync(async () =>
            onScreenWatch = await JS.InvokeAsync<IJSObjectReference>("patternDashboard.watchOnScreen", tabsArea, ".mud-tabs-panels", selfReference, nameof(OnPanelsOnScreen)));
    }

    /// <summary>Called by the browser when the tab panels come on screen or leave it.</summary>
    [JSInvokable]
    public void OnPanelsOnScreen(bool onScreen)
    {
        if (onScreen != panelsOnScreen)
        {
            panelsOnScreen = onScreen;
            StateHasChanged();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopWatchingPanelsAsync();
        selfReference?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task StopWatchingPanelsAsync()
    {
        if (onScreenWatch is { } watch)
        {
            onScreenWatch = null;
            // The page may already be gone, and its observer with it.
            await SafeRun.TryAsync(async () =>
            {
                await watch.InvokeVoidAsync("dispose");
                await watch.DisposeAsync();
            });
        }
    }

    private async Task OpenTabAsync(int index)
    {
        bool eventLogWasOpen = IsOpen(EventLogTab);
        openTab = index;
        if (IsOpen(EventLogTab) != eventLogWasOpen)
        {
            await Page.ShowEventLogAsync(!eventLogWasOpen);
        }
    }
}

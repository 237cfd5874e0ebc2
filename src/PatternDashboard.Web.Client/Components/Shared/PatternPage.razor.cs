using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// The layout every pattern page shares, a dashboard: title and the clock toolbar on one line; the live view beside
/// the pattern's key state, the invariants and the faults, all on the first screen; the pattern's own panels, time
/// travel, the event log, lessons and recordings in tabs below. A pattern's page fills the slots and nothing else.
/// </summary>
public partial class PatternPage
{
    // The tabs below the first screen; only the open one re-renders with each update.
    private const int PanelsTab = 0, TimeTravelTab = 1, MessagesTab = 2, EventLogTab = 3, LessonsTab = 4, RecordingTab = 5;

    private bool infoOpen;
    private string? selectedNode;
    private int openTab;

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

    private static Dictionary<string, object?> SideParameters(OpenedComparison comparison) => new()
    {
        [nameof(PatternPageBase.SideSession)] = comparison.With,
        [nameof(PatternPageBase.SideTitle)] = $"With “{comparison.Info.Difference}”",
    };

    private string AboutTitle => $"About {Page.Pattern.Title}";

    private bool LessonRunning => Page.Session?.Lesson is not null;

    // Without panels of its own a pattern has no first tab, and the others move up one.
    private bool IsOpen(int tab) => openTab == (Panels is null ? tab - 1 : tab);

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

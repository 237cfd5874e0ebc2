using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared;

// Side by side: the page shows its run and, once that run is compared (by this page, a script, or a room's instructor),
// the run with the difference beside it, drawn by a second copy of the same pattern page in side mode. Every control of
// the page then drives both runs through the comparison; a watcher only watches both.
public abstract partial class PatternPageBase
{
    // The run this page watches; Session is the comparison's view of it while this page drives a comparison.
    private ISimulationSession? watched;

    /// <summary>Side mode: this page draws one run of a comparison (its live view, key state, invariants) and no controls.</summary>
    [Parameter] public ISimulationSession? SideSession { get; set; }

    /// <summary>The side's heading, such as "With: Break it: any two votes win".</summary>
    [Parameter] public string? SideTitle { get; set; }

    /// <summary>
    /// Side mode: called when the side's run stands still on a new state, so the page that holds the side redraws what
    /// it shows of both runs (the numbers); while both run, the other side's updates redraw them anyway.
    /// </summary>
    [Parameter] public EventCallback SideSettled { get; set; }

    public bool IsSide => SideSession is not null;

    /// <summary>The comparison this page's run is part of, or null.</summary>
    public OpenedComparison? Comparison { get; private set; }

    /// <summary>Where the fault panel's faults go during a comparison: both runs (default) or one.</summary>
    public ComparisonSide FaultAim { get; set; }

    /// <summary>The session the fault panel uses: the comparison aimed at <see cref="FaultAim"/>, or the page's session.</summary>
    public ISimulationSession? FaultSession => Session is ComparedSession compared ? compared.AimedAt(FaultAim) : Session;

    /// <summary>Starts comparing this run with a copy that differs in <paramref name="difference"/>.</summary>
    public async Task CompareAsync(CompareInput difference)
    {
        if (watched is not { } run || !CanControl)
        {
            return;
        }
        CommandError = await SafeRun.TryAsync(async () =>
        {
            var info = await Backend.CreateComparisonAsync(run.Id, difference);
            await OpenComparisonAsync(info);
        });
        StateHasChanged();
    }

    /// <summary>Stops comparing; the run with the difference closes and this run goes on alone.</summary>
    public async Task EndComparisonAsync()
    {
        if (Comparison?.Driver is { } driver)
        {
            CommandError = await SafeRun.TryAsync(driver.EndAsync);
            CloseComparison();
            StateHasChanged();
        }
    }

    /// <summary>Saves both runs as one file, which the import page opens again as a comparison.</summary>
    public async Task ExportComparisonAsync()
    {
        if (Comparison?.Driver is not { } driver)
        {
            return;
        }
        CommandError = await SafeRun.TryAsync(async () =>
        {
            var file = await driver.ExportAsync();
            string time = (watched?.Current.Snapshot.SimulatedTime ?? 0).ToString("0", CultureInfo.InvariantCulture);
            string name = $"{file.Without.PatternId}-seed{file.Without.Seed}-{time}s.comparison.json";
            await JS.InvokeVoidAsync("patternDashboard.downloadFile", name, "application/json",
                System.Text.Json.JsonSerializer.Serialize(file, Recording.JsonOptions));
        });
    }

    /// <summary>After each state of the watched run: opens the comparison it became part of, or drops one that ended.</summary>
    private async Task FollowComparisonAsync(ISimulationSession run)
    {
        if (IsSide)
        {
            return;
        }
        var info = run.Comparison;
        if (info?.Id == Comparison?.Info.Id)
        {
            return;
        }
        if (info is null)
        {
            CloseComparison();
            return;
        }
        if (info.WithSessionId == run.Id)
        {
            // The address names the side with the difference, which follows the other run: show the pair from there.
            Navigation.NavigateTo(DashboardUrls.Session(Pattern.Id, info.WithoutSessionId), replace: true);
            return;
        }
        // The comparison may end between the state and this call; the next state then says so.
        if (await SafeRun.TryAsync(() => OpenComparisonAsync(info)) is { } problem && !run.IsClosed)
        {
            CommandError = problem;
        }
    }

    private async Task OpenComparisonAsync(ComparisonInfo info)
    {
        if (watched is not { } run || Comparison?.Info.Id == info.Id)
        {
            return;
        }
        var opened = await Backend.OpenComparisonAsync(info, CanControl);
        Comparison = opened;
        Session = opened.Driver is { } driver ? new ComparedSession(run, opened.With, driver) : run;
        FaultAim = ComparisonSide.Both;
    }

    private void CloseComparison()
    {
        Comparison = null;
        Session = watched;
    }
}

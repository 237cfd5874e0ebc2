using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Classroom;

/// <summary>
/// The run's bookmarks beside the time scrubber: name the moment on screen, jump back to one in a click, remove one.
/// A room's students see the list; only the controller changes it or jumps.
/// </summary>
public partial class BookmarkList
{
    private string name = "";
    private bool busy;
    private string? error;

    [Parameter, EditorRequired] public required ISimulationSession Session { get; set; }

    /// <summary>The state on screen; the list re-renders with it. Default: null.</summary>
    [Parameter] public SessionState? State { get; set; }

    /// <summary>False for a watch-only viewer: the list only. Default: true.</summary>
    [Parameter] public bool CanControl { get; set; } = true;

    private double Now => (State ?? Session.Current).Snapshot.SimulatedTime;

    /// <summary>What a bookmark is called when no name is typed (and what the B key names it).</summary>
    public static string NameFor(double seconds) => $"Moment at {UiFormat.ShortSeconds(seconds)}";

    private string DefaultName => NameFor(Now);

    private Task AddAsync() => RunAsync(async () =>
    {
        // The moment on screen, which a running run has already passed on the server.
        double seen = Now;
        await Session.AddBookmarkAsync(string.IsNullOrWhiteSpace(name) ? NameFor(seen) : name, seen);
        name = "";
    });

    private Task JumpAsync(Bookmark bookmark) => RunAsync(() => Session.TravelToAsync(TimeSpan.FromSeconds(bookmark.Time)));

    private Task RemoveAsync(Bookmark bookmark) => RunAsync(() => Session.RemoveBookmarkAsync(bookmark.Id));

    private async Task RunAsync(Func<Task> call)
    {
        busy = true;
        error = await SafeRun.TryAsync(call);
        busy = false;
    }
}

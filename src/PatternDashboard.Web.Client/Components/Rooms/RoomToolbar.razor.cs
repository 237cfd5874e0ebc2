using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Rooms;

/// <summary>
/// The strip above every pattern page's content: "Start a room" on a private run; the instructor panel for a room's
/// controller; for a student, the room, its viewer count and "Try it yourself"; and the presenter mode switch.
/// </summary>
public partial class RoomToolbar : IAsyncDisposable
{
    /// <summary>How often the viewer count is refreshed while the room's clock stands still (a running room re-renders anyway).</summary>
    public static readonly TimeSpan ViewerRefresh = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stop = new();
    private bool presenter;

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>The page whose room (or private run) this is. Required.</summary>
    [Parameter, EditorRequired] public PatternPageBase Page { get; set; } = default!;

    /// <summary>From the address: <c>?presenter=1</c> starts in presenter mode.</summary>
    [SupplyParameterFromQuery(Name = "presenter")] public string? PresenterParameter { get; set; }

    public string JoinLink(OpenedRoom room) => DashboardUrls.JoinRoom(Navigation.BaseUri, room.Code);

    protected override void OnInitialized() => _ = RefreshViewersAsync(stop.Token);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && PresenterParameter is "1" or "true")
        {
            await SetPresenterAsync(true);
            StateHasChanged();
        }
    }

    private Task TogglePresenterAsync() => SetPresenterAsync(!presenter);

    private async Task SetPresenterAsync(bool on)
    {
        presenter = on;
        await SafeRun.TryAsync(async () => await JS.InvokeVoidAsync("patternDashboard.setPresenter", on));
    }

    private async Task RefreshViewersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(ViewerRefresh);
            int shown = -1;
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Page.Room is not null && Page.Session is { } session && session.ViewerCount != shown)
                {
                    shown = session.ViewerCount;
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        stop.Dispose();
        if (presenter)
        {
            // Leaving the page must not leave the next one without its navigation.
            await SafeRun.TryAsync(async () => await JS.InvokeVoidAsync("patternDashboard.setPresenter", false));
        }
        GC.SuppressFinalize(this);
    }
}

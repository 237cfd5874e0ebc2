using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Rooms;

/// <summary>
/// What the instructor of a room sees: the join code in large type, the join link and its QR code for the projector,
/// the live viewer count, and the secret instructor link (hidden until asked for, never in presenter mode).
/// </summary>
public partial class InstructorPanel
{
    private bool showSecret;
    private string? copied;

    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>The join code. Required.</summary>
    [Parameter, EditorRequired] public string RoomCode { get; set; } = "";

    /// <summary>The absolute join link (…/join/CODE). Required.</summary>
    [Parameter, EditorRequired] public string JoinLink { get; set; } = "";

    /// <summary>The secret link that gives control, or null when this page does not know the key. Default: null.</summary>
    [Parameter] public string? InstructorLink { get; set; }

    /// <summary>Viewers following the room, this page included. Default: 0.</summary>
    [Parameter] public int ViewerCount { get; set; }

    /// <summary>"K 7 H M 3 X": a screen reader then reads the code character by character.</summary>
    private string Spelled => string.Join(' ', RoomCode.ToCharArray());

    private string ViewersText => ViewerCount == 1 ? "1 viewer (you)" : $"{ViewerCount} viewers, you included";

    private Task CopyJoinLinkAsync() => CopyAsync(JoinLink, "Join link copied.");

    private Task CopyInstructorLinkAsync() => CopyAsync(InstructorLink!, "Instructor link copied. Keep it private.");

    private async Task CopyAsync(string text, string done)
    {
        bool ok = false;
        string? error = await SafeRun.TryAsync(async () => ok = await JS.InvokeAsync<bool>("patternDashboard.copyText", text));
        copied = ok && error is null ? done : "The browser did not allow copying; select the link and copy it yourself.";
        if (!ok && text == InstructorLink)
        {
            showSecret = true; // so it can be selected and copied by hand
        }
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;
using JoinCode = PatternDashboard.Web.Rooms.RoomCode;

namespace PatternDashboard.Web.Components.Shared;

// Rooms on a pattern page: watch a room by its code (?room=K7HM3X), control it with the instructor key (from the
// secret link's #key= fragment, which never reaches the server's request logs, or from this tab's storage after a
// reload), start a room, and fork one into a private run.
public abstract partial class PatternPageBase
{
    private string? attachedRoomCode;

    // The room whose address and key were dealt with after the page rendered (see SettleRoomAsync).
    private string? settledRoomCode;

    /// <summary>The room to watch, from the address (<c>?room=CODE</c>).</summary>
    [SupplyParameterFromQuery(Name = "room")] public string? RoomCode { get; set; }

    /// <summary>The room this page watches, or null for a private run.</summary>
    public OpenedRoom? Room { get; private set; }

    /// <summary>Whether this page had the room's key in its address and it did not match.</summary>
    public bool WrongInstructorKey { get; private set; }

    /// <summary>True while a "Try it yourself" copy is being made.</summary>
    public bool Forking { get; private set; }

    private bool RoomChanged => RoomCode is not null && Normalized(RoomCode) != attachedRoomCode;

    /// <summary>
    /// Opens a room for this page's pattern that this page controls, then shows it: a fresh run, or (when
    /// <paramref name="fromThisRun"/>) a copy of the run on screen as it is, so a prepared scenario is not lost.
    /// </summary>
    public async Task StartRoomAsync(bool fromThisRun = false)
    {
        OpenedRoom created;
        try
        {
            created = fromThisRun && Session is { } run
                ? await Backend.CreateRoomFromRunAsync(run.Id)
                : await Backend.CreateRoomAsync(PatternId);
        }
        catch (Exception e) when (e is SessionLimitException or SimulationInputException)
        {
            CommandError = e.Message;
            return;
        }
        await StopWatchingAsync();
        EnterRoom(created);
        await RememberKeyAsync(created.Code, created.InstructorKey!);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["room"] = created.Code, ["session"] = null }), replace: true);
    }

    /// <summary>"Try it yourself": copies the room's current state into a private run of this browser and opens it.</summary>
    public async Task ForkRoomAsync()
    {
        if (Room is not { } room)
        {
            return;
        }
        Forking = true;
        try
        {
            var forkId = await Backend.ForkRoomAsync(room.Code);
            Navigation.NavigateTo(DashboardUrls.Session(PatternId, forkId));
        }
        catch (Exception e) when (e is SessionLimitException or SimulationInputException)
        {
            CommandError = e.Message;
        }
        finally
        {
            Forking = false;
        }
    }

    /// <summary>The secret link that gives control of the room, or null on a page that does not control it.</summary>
    public string? InstructorLink => Room is { } room && CanControl && room.InstructorKey is { } key
        ? DashboardUrls.InstructorLink(Navigation.BaseUri, PatternId, room.Code, key)
        : null;

    private async Task AttachRoomAsync()
    {
        string? key = KeyInAddress();
        var room = await Backend.OpenRoomAsync(RoomCode!, key);
        if (room is null || room.PatternId != PatternId)
        {
            LeaveRoom();
            attachedRoomCode = Normalized(RoomCode!);
            Status = PageSessionStatus.RoomNotFound;
            Problem = room is not null ? $"Room {room.Code} shows {Registry.Get(room.PatternId).Title}; open it from the join page."
                : JoinCode.TryNormalize(RoomCode, out var code) ? $"There is no open room {code}. Check the code with your instructor; rooms close after a while with nobody watching."
                : JoinCode.FormatHint;
            return;
        }
        WrongInstructorKey = key is not null && !room.CanControl;
        EnterRoom(room);
        if (WrongInstructorKey)
        {
            Notice = $"That instructor link does not open room {room.Code}, so you are watching. Ask for the link again.";
        }
        if (CanControl)
        {
            await RememberKeyAsync(room.Code, key!);
        }
        await SettleRoomAsync();
    }

    /// <summary>Watches the room; with its (checked) key this page controls it, otherwise it only watches.</summary>
    private void EnterRoom(OpenedRoom room)
    {
        Room = room;
        attachedRoomCode = room.Code;
        CanControl = room.CanControl;
        Watch(room.Session);
    }

    /// <summary>A session named in the address; a room's session found that way is watched, never controlled, without the key.</summary>
    private void WatchExisting(OpenedRun existing)
    {
        LeaveRoom();
        if (existing.RoomCode is { } code)
        {
            EnterRoom(new OpenedRoom(code, PatternId, existing.Session, false, null));
            return;
        }
        Watch(existing.Session);
        if (!existing.CanControl)
        {
            (CanControl, Notice) = (false, OpenedRun.ReadOnlyNotice);
        }
    }

    private void LeaveRoom()
    {
        Room = null;
        attachedRoomCode = null;
        CanControl = true;
        WrongInstructorKey = false;
    }

    /// <summary>
    /// Once the page has rendered and its room is open (in the browser the room opens after the first render, through the
    /// hub): take the key out of the address, or reclaim control with the key this tab kept. Once per room.
    /// </summary>
    private async Task SettleRoomAsync()
    {
        if (!rendered || Room is not { } room || settledRoomCode == room.Code)
        {
            return;
        }
        settledRoomCode = room.Code;
        if (KeyInAddress() is not null)
        {
            // The instructor link must not stay on a projected screen or in shared browser history.
            Navigation.NavigateTo(Navigation.Uri[..Navigation.Uri.IndexOf('#', StringComparison.Ordinal)], replace: true);
        }
        else if (!CanControl)
        {
            string? kept = null;
            await SafeRun.TryAsync(async () => kept = await JS.InvokeAsync<string?>("patternDashboard.roomKey", room.Code));
            if (kept is not null && await Backend.OpenRoomAsync(room.Code, kept) is { CanControl: true } claimed)
            {
                await StopWatchingAsync();
                EnterRoom(claimed);
                StateHasChanged();
            }
        }
    }

    private static string Normalized(string roomCode) => JoinCode.TryNormalize(roomCode, out var code) ? code : roomCode;

    private string? KeyInAddress()
    {
        string uri = Navigation.Uri;
        int at = uri.IndexOf(DashboardUrls.InstructorKeyFragment, StringComparison.Ordinal);
        return at < 0 ? null : Uri.UnescapeDataString(uri[(at + DashboardUrls.InstructorKeyFragment.Length)..]);
    }

    /// <summary>Keeps the key in this tab's session storage, so a reload keeps control without the key in the address.</summary>
    private Task RememberKeyAsync(string roomCode, string key) =>
        SafeRun.TryAsync(async () => await JS.InvokeVoidAsync("patternDashboard.rememberRoomKey", roomCode, key));
}

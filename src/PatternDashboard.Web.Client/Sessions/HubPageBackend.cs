using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Classroom.Lessons;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// The page backend in the browser: one connection to the public hub per tab, carrying the browser's cookie, so the
/// runs it creates belong to this browser (a reload finds them again) and room control belongs to this tab.
/// </summary>
public sealed partial class HubPageBackend(HubConnection connection, PatternRegistry patterns) : IPageBackend, IAsyncDisposable
{
    private readonly SemaphoreSlim starting = new(1, 1);

    /// <summary>A connection to the hub at <paramref name="hubUrl"/> that reconnects by itself and reads the hub's JSON.</summary>
    public static HubConnection Connect(Uri hubUrl) => new HubConnectionBuilder()
        .WithUrl(hubUrl)
        .WithAutomaticReconnect()
        .AddJsonProtocol(options => HubJson.Configure(options.PayloadSerializerOptions))
        .Build();

    public async Task<ISimulationSession> CreateRunAsync(string patternId)
    {
        var hub = await HubAsync();
        var created = await HubCalls.Run(() => hub.InvokeAsync<SessionCreated>("CreateSession", patternId, new CreateSessionOptions()));
        return await HubSimulationSession.OpenAsync(hub, patterns, created.SessionId);
    }

    public async Task<OpenedRun?> OpenRunAsync(string sessionId)
    {
        var hub = await HubAsync();
        SessionAccess access;
        try
        {
            access = await HubCalls.Run(() => hub.InvokeAsync<SessionAccess>("OpenSession", sessionId));
        }
        catch (SimulationInputException)
        {
            return null; // ended, or never existed: the page starts a new run and says so
        }
        var session = await HubSimulationSession.OpenAsync(hub, patterns, access.SessionId);
        return new OpenedRun(session, access.CanControl, access.RoomCode);
    }

    public async Task<IReadOnlyList<RunSummary>> ListMyRunsAsync()
    {
        var hub = await HubAsync();
        return await HubCalls.Run(() => hub.InvokeAsync<IReadOnlyList<RunSummary>>("ListMySessions"));
    }

    public async Task CloseRunAsync(string sessionId)
    {
        var hub = await HubAsync();
        await HubCalls.Run(() => hub.InvokeAsync("CloseSession", sessionId));
    }

    public async Task<OpenedRoom> CreateRoomAsync(string patternId)
    {
        var hub = await HubAsync();
        var created = await HubCalls.Run(() => hub.InvokeAsync<RoomCreatedInfo>("CreateRoom", patternId, new CreateRoomOptions()));
        var session = await HubSimulationSession.OpenAsync(hub, patterns, created.SessionId);
        return new OpenedRoom(created.RoomCode, created.PatternId, session, true, created.InstructorKey);
    }

    public async Task<OpenedRoom> CreateRoomFromRunAsync(string sessionId)
    {
        var hub = await HubAsync();
        var created = await HubCalls.Run(() => hub.InvokeAsync<RoomCreatedInfo>("CreateRoomFromSession", sessionId));
        var session = await HubSimulationSession.OpenAsync(hub, patterns, created.SessionId);
        return new OpenedRoom(created.RoomCode, created.PatternId, session, true, created.InstructorKey);
    }

    public async Task<OpenedRoom?> OpenRoomAsync(string roomCode, string? instructorKey)
    {
        var hub = await HubAsync();
        RoomJoined joined;
        try
        {
            joined = await HubCalls.Run(() => hub.InvokeAsync<RoomJoined>("JoinRoom", roomCode));
        }
        catch (SimulationInputException)
        {
            return null; // malformed or unknown code: the page says which
        }
        bool control = joined.CanControl;
        if (!control && instructorKey is not null)
        {
            try
            {
                control = (await HubCalls.Run(() => hub.InvokeAsync<RoomJoined>("ClaimRoom", joined.RoomCode, instructorKey))).CanControl;
            }
            catch (SimulationInputException)
            {
                control = false; // a wrong key watches; the page tells the person
            }
        }
        var session = await HubSimulationSession.OpenAsync(hub, patterns, joined.SessionId);
        return new OpenedRoom(joined.RoomCode, joined.PatternId, session, control, control ? instructorKey : null);
    }

    public async Task<string> ForkRoomAsync(string roomCode)
    {
        var hub = await HubAsync();
        return (await HubCalls.Run(() => hub.InvokeAsync<SessionCreated>("ForkRoom", roomCode))).SessionId;
    }

    public async Task<IReadOnlyList<Lesson>> LessonsAsync(string patternId)
    {
        var hub = await HubAsync();
        return await HubCalls.Run(() => hub.InvokeAsync<IReadOnlyList<Lesson>>("ListLessons", patternId));
    }

    public async Task<ComparisonInfo> CreateComparisonAsync(string sessionId, CompareInput difference)
    {
        var hub = await HubAsync();
        return await HubCalls.Run(() => hub.InvokeAsync<ComparisonInfo>("CreateComparison", sessionId, difference));
    }

    public async Task<OpenedComparison> OpenComparisonAsync(ComparisonInfo info, bool control)
    {
        var hub = await HubAsync();
        var with = await HubSimulationSession.OpenAsync(hub, patterns, info.WithSessionId);
        return new OpenedComparison(info, with, control ? new HubSessionComparison(hub, info) : null);
    }

    public async Task<ComparisonInfo> ImportComparisonAsync(ComparisonRecording file)
    {
        var hub = await HubAsync();
        return await HubCalls.Run(() => hub.InvokeAsync<ComparisonInfo>("ImportComparison", file));
    }

    private async Task<HubConnection> HubAsync()
    {
        await starting.WaitAsync();
        try
        {
            if (connection.State == HubConnectionState.Disconnected)
            {
                await connection.StartAsync();
            }
            return connection;
        }
        finally
        {
            starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        starting.Dispose();
    }
}

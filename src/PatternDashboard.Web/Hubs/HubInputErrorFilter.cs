using Microsoft.AspNetCore.SignalR;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Hubs;

/// <summary>
/// Every exception a hub method throws leaves as a <see cref="HubException"/>, whose message SignalR passes to the
/// caller: an input error with its own message, a server fault with a fixed one (its details stay in the log). The
/// hub sends detailed errors so that SignalR's own refusals (wrong argument types or counts) say what was wrong; this
/// filter is what keeps server details out of them. It also does the hub's error logging: a refused call is one short
/// line at Debug (a client's mistake, not a server failure, and a flood of them must not flood the log), a server fault
/// an error with its stack trace. SignalR's dispatcher logger, which reports both at error level, is off in appsettings.json.
/// </summary>
public sealed partial class HubInputErrorFilter(ILogger<HubInputErrorFilter> logger) : IHubFilter
{
    public const string ServerFaultMessage = "The server failed on this call; the failure is logged. Try again, or report the time it happened.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ToHubException(logger, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, e);
        }
    }

    /// <summary>Exceptions whose message tells a caller what was wrong with the call.</summary>
    public static bool IsClientMistake(Exception e) =>
        e is SimulationInputException or SessionLimitException or RoomControlException or ReadOnlySessionException or HubException;

    /// <summary>Logs the failure as what it is and gives the exception the caller receives.</summary>
    public static HubException ToHubException(ILogger logger, string method, string connectionId, Exception e)
    {
        if (IsClientMistake(e))
        {
            LogRefused(logger, method, connectionId, e.Message);
            return e as HubException ?? new HubException(e.Message);
        }
        LogFault(logger, method, e);
        return new HubException(ServerFaultMessage);
    }

    [LoggerMessage(1, LogLevel.Debug, "Refused {Method} from connection {ConnectionId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string connectionId, string reason);

    [LoggerMessage(2, LogLevel.Error, "Hub method {Method} failed on the server.")]
    private static partial void LogFault(ILogger logger, string method, Exception exception);
}

using Microsoft.AspNetCore.SignalR;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Hubs;

/// <summary>
/// Turns the exceptions that mean "your input was wrong" into <see cref="HubException"/>s, whose message SignalR
/// passes to the caller; anything else stays a server error with its details hidden. It also does the hub's error
/// logging: a refused call is one short line at Debug (a client's mistake, not a server failure, and a flood of
/// them must not flood the log), a server fault is an error with its stack trace. SignalR's own dispatcher logger,
/// which reports both at error level, is turned off in appsettings.json.
/// </summary>
public sealed partial class HubInputErrorFilter(ILogger<HubInputErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (IsClientMistake(e))
        {
            LogRefused(logger, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, e.Message);
            throw e as HubException ?? new HubException(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException && LogServerFault(logger, invocationContext.HubMethodName, e))
        {
            throw; // never reached: LogServerFault logs and declines the exception
        }
    }

    /// <summary>Exceptions whose message tells a caller what was wrong with the call.</summary>
    public static bool IsClientMistake(Exception e) =>
        e is SimulationInputException or SessionLimitException or RoomControlException or ReadOnlySessionException or HubException;

    /// <summary>Logs a server fault at error level with its stack trace; returns false so an exception filter calling it lets the exception go on.</summary>
    public static bool LogServerFault(ILogger logger, string method, Exception e)
    {
        LogFault(logger, method, e);
        return false;
    }

    [LoggerMessage(1, LogLevel.Debug, "Refused {Method} from connection {ConnectionId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string connectionId, string reason);

    [LoggerMessage(2, LogLevel.Error, "Hub method {Method} failed on the server.")]
    private static partial void LogFault(ILogger logger, string method, Exception exception);
}

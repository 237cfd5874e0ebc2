using Microsoft.AspNetCore.SignalR;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Hubs;

/// <summary>
/// Turns the exceptions that mean "your input was wrong" into <see cref="HubException"/>s, whose message SignalR
/// passes to the caller; anything else stays a server error with its details hidden.
/// </summary>
public sealed class HubInputErrorFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (SimulationInputException e)
        {
            throw new HubException(e.Message);
        }
        catch (SessionLimitException e)
        {
            throw new HubException(e.Message);
        }
        catch (RoomControlException e)
        {
            throw new HubException(e.Message);
        }
    }
}

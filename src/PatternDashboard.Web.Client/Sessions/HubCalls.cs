using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

/// <summary>How the pages call the hub: a refusal becomes the exception the pages already show, with the hub's words.</summary>
public static class HubCalls
{
    /// <summary>The most events GetEvents returns at once.</summary>
    public const int MaxEventsPerCall = 500;

    private const string RefusalPrefix = "An unexpected error occurred invoking";

    public static async Task Run(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (HubException e)
        {
            throw Refusal(e);
        }
    }

    public static async Task<T> Run<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HubException e)
        {
            throw Refusal(e);
        }
    }

    /// <summary>Waits for an automatic reconnect; gives up with the connection closed for good.</summary>
    public static async Task WaitUntilConnectedAsync(HubConnection hub, CancellationToken cancellationToken)
    {
        while (hub.State != HubConnectionState.Connected)
        {
            if (hub.State == HubConnectionState.Disconnected)
            {
                throw new SimulationInputException("The connection to the server was lost. Reload the page to carry on.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    // SignalR prefixes the server's message with "An error occurred while invoking 'X' on the server. HubException: ".
    private static SimulationInputException Refusal(HubException e)
    {
        string message = e.Message;
        int at = message.IndexOf("HubException: ", StringComparison.Ordinal);
        return new SimulationInputException(at >= 0 ? message[(at + "HubException: ".Length)..] : message.StartsWith(RefusalPrefix, StringComparison.Ordinal) ? "The server could not do that." : message);
    }
}

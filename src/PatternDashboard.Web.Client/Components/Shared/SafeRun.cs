namespace PatternDashboard.Web.Components.Shared;

/// <summary>Runs a user's command against a session and turns a failure into a message to show, never a crash.</summary>
public static class SafeRun
{
    /// <summary>Null when the action succeeded (or was cancelled), otherwise the message to show.</summary>
    public static async Task<string?> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception exception)
        {
            // SimulationInputException messages are written for people; other errors still must not end the circuit.
            return exception.Message;
        }
    }
}

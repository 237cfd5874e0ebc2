namespace PatternDashboard.Web.Sessions;

/// <summary>
/// One loop for all sessions: about 60 times a second it ticks every session, which moves running ones on by
/// the wall time since their last tick and publishes to viewers when a publish is due.
/// </summary>
public sealed class SessionPacer(SessionManager sessions, TimeProvider time, ILogger<SessionPacer> logger) : BackgroundService
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1.0 / 60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    sessions.TickAll();
                }
                catch (Exception e)
                {
                    logger.LogError(e, "A session tick failed.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

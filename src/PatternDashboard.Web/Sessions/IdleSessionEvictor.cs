namespace PatternDashboard.Web.Sessions;

/// <summary>Once a minute, closes the sessions that nobody watched or used for <see cref="SessionLimits.IdleEvictionMinutes"/>.</summary>
public sealed class IdleSessionEvictor(SessionManager sessions, TimeProvider time, ILogger<IdleSessionEvictor> logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    sessions.EvictIdle();
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Evicting idle sessions failed.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

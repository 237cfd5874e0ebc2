namespace PatternDashboard.Web.Hosting;

/// <summary>
/// Runs <see cref="Sweep"/> once a minute for the app's lifetime. A failed sweep is logged and the next one runs
/// anyway, so one bad pass never stops idle sessions or rooms from being cleaned up.
/// </summary>
public abstract class PeriodicSweep(TimeProvider time, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>What the sweep does, for the log line when it fails ("Evicting idle sessions").</summary>
    protected abstract string What { get; }

    protected abstract void Sweep();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    Sweep();
                }
                catch (Exception e)
                {
                    logger.LogError(e, "{What} failed.", What);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

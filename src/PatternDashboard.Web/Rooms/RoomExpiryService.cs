namespace PatternDashboard.Web.Rooms;

/// <summary>Once a minute, closes the rooms nobody watched for <see cref="RoomLimits.IdleMinutes"/>.</summary>
public sealed class RoomExpiryService(RoomManager rooms, TimeProvider time, ILogger<RoomExpiryService> logger) : BackgroundService
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
                    rooms.ExpireIdle();
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Expiring idle rooms failed.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

using PatternDashboard.Web.Hosting;

namespace PatternDashboard.Web.Rooms;

/// <summary>Once a minute, closes the rooms nobody watched for <see cref="RoomLimits.IdleMinutes"/>.</summary>
public sealed class RoomExpiryService(RoomManager rooms, TimeProvider time, ILogger<RoomExpiryService> logger) : PeriodicSweep(time, logger)
{
    protected override string What => "Expiring idle rooms";

    protected override void Sweep() => rooms.ExpireIdle();
}

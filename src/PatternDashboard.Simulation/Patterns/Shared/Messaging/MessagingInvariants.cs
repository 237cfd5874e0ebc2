using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// Every acknowledged publish is eventually processed or dead-lettered by each subscription it was published to.
/// Checked as its safety half: until then the broker must still hold it. The check walks every unfinished
/// message, so it runs at most every <see cref="CheckInterval"/> of simulated time rather than after each event.
/// </summary>
public sealed class AcknowledgedPublishMonitor(MessagingCluster cluster)
    : InvariantMonitor(MonitorId, "Every acknowledged publish is delivered or dead-lettered by each subscription")
{
    public const string MonitorId = "acknowledged-publish";

    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);

    private TimeSpan? lastCheck;

    public override string? Check()
    {
        var now = cluster.Clock.Now;
        if (lastCheck is not { } last || now - last >= CheckInterval)
        {
            lastCheck = now;
            cluster.Ledger.FindLosses(cluster.Broker.Holds);
        }
        var ledger = cluster.Ledger;
        return ledger.LostAcknowledged == 0
            ? null
            : $"{ledger.LostAcknowledged} acknowledged publishes vanished from the broker before being processed (first: {ledger.FirstLoss}).";
    }
}

/// <summary>With idempotent consumers, each subscription's effects equal the unique messages it processed.</summary>
public sealed class EffectsOnceMonitor(MessagingStats stats)
    : InvariantMonitor(MonitorId, "Effects equal unique messages: no message takes effect twice")
{
    public const string MonitorId = "effects-once";

    public override string? Check()
    {
        foreach (var subscription in stats.Subscriptions)
        {
            if (subscription.DuplicateEffects > 0)
            {
                return $"{subscription.Name} applied {subscription.Effects} effects for {subscription.UniqueEffects} unique messages: {subscription.DuplicateEffects} applied twice.";
            }
        }
        return null;
    }
}

/// <summary>Messages with the same partition key take effect in the order they were published.</summary>
public sealed class KeyOrderMonitor(MessagingStats stats)
    : InvariantMonitor(MonitorId, "Per partition key, messages take effect in publish order")
{
    public const string MonitorId = "key-order";

    public override string? Check()
    {
        foreach (var subscription in stats.Subscriptions)
        {
            if (subscription.OutOfOrder > 0)
            {
                return $"{subscription.Name} applied {subscription.OutOfOrder} messages after a later message of the same key.";
            }
        }
        return null;
    }
}

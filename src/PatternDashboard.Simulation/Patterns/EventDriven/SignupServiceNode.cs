using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Simulation.Patterns.EventDriven;

/// <summary>
/// The producer: each registration becomes a "user registered" event on the bus, done once the bus has it.
/// With synchronous calls switched on it instead calls the services it was built to know and waits for all
/// of them; a registration fails when any one does not answer in time.
/// </summary>
public sealed class SignupServiceNode : PublisherNode
{
    public const string SignupId = EventDrivenPattern.SignupId;

    /// <summary>Calls waiting for answers at once; beyond it a registration fails at once (counted).</summary>
    public const int MaxPendingCalls = 500;

    private readonly EventDrivenCluster cluster;
    private readonly Dictionary<MessageId, PendingCall> pending = [];

    internal SignupServiceNode(EventDrivenCluster cluster, double ratePerSecond)
        : base(cluster, SignupId, "Sign-up service", EventDrivenPattern.Topic, [1, 2, 3, 4], ratePerSecond) => this.cluster = cluster;

    /// <summary>The services the sign-up code calls directly in synchronous mode; fixed when it was written.</summary>
    public IReadOnlyList<SubscriberNode> KnownServices { get; internal set; } = [];

    public bool Synchronous { get; internal set; }

    public long Succeeded { get; private set; }

    public long Failed { get; private set; }

    public int PendingCalls => pending.Count;

    protected override bool Divert(MessageId id)
    {
        if (!Synchronous)
        {
            return false;
        }
        if (pending.Count >= MaxPendingCalls)
        {
            Fail("too many registrations are already waiting");
            return true;
        }
        var call = new PendingCall(Now, [.. KnownServices.Select(s => s.Id)]);
        call.Timer = StartTimer(cluster.CallTimeout, () => TimeOut(id));
        pending[id] = call;
        foreach (var service in call.Waiting)
        {
            Send(service, new ServiceCall(id));
        }
        return true;
    }

    protected override void OnAcknowledged(MessageId id, TimeSpan latency) => Succeed(latency);

    protected override void OnOtherMessage(string from, IMessage message)
    {
        if (message is not ServiceReply reply || !pending.TryGetValue(reply.Id, out var call) || !call.Waiting.Remove(from))
        {
            return;
        }
        if (call.Waiting.Count == 0)
        {
            pending.Remove(reply.Id);
            CancelTimer(call.Timer);
            // Every service that subscribed to "user registered" is owed the registration, called or not.
            foreach (var subscription in cluster.Broker.Subscriptions)
            {
                cluster.Stats.For(subscription.Name).Expected++;
            }
            Succeed(Now - call.Started);
        }
    }

    protected override void OnCrash()
    {
        base.OnCrash();
        pending.Clear();
    }

    private void TimeOut(MessageId id)
    {
        if (pending.Remove(id, out var call))
        {
            Fail($"no answer within {cluster.CallTimeout.TotalMilliseconds:0} ms from {string.Join(", ", call.Waiting.Select(cluster.LabelOf))}");
        }
    }

    private void Succeed(TimeSpan latency)
    {
        if (cluster.RegistrationStreak < 0)
        {
            Log("registration", "Registrations succeed again");
        }
        Succeeded++;
        cluster.RegistrationCompleted(true, latency);
    }

    private void Fail(string why)
    {
        if (cluster.RegistrationStreak >= 0)
        {
            Log("registration", $"Registration failed: {why}");
        }
        Failed++;
        cluster.RegistrationCompleted(false, cluster.CallTimeout);
    }

    private sealed class PendingCall(TimeSpan started, HashSet<string> waiting)
    {
        public TimeSpan Started { get; } = started;

        public HashSet<string> Waiting { get; } = waiting;

        public Kernel.NodeTimer? Timer { get; set; }
    }
}

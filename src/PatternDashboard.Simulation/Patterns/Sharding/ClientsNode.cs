using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>
/// The store's clients as one load generator: reads and writes at a Poisson rate, on keys drawn evenly, or a hot key
/// taking its share, or sequential keys (ids that only grow, as timestamps and counters do). Each write carries the
/// key's next version, so the checks can tell a lost write from a kept one.
/// </summary>
public sealed class ClientsNode : SimulationNode
{
    private readonly string routerId;
    private readonly long[] versions;
    private readonly Func<ShardingSettings> settings;
    private NodeTimer? next;
    private long nextRequestId = 1;
    private int sequentialCursor;

    public ClientsNode(SimulationBase simulation, string id, string routerId, int keyCount, Func<ShardingSettings> settings)
        : base(simulation, id, "Clients")
    {
        this.routerId = routerId;
        versions = new long[keyCount];
        this.settings = settings;
    }

    public long Sent { get; private set; }

    public override void Start() => Schedule();

    /// <summary>The rate changed: the next arrival is drawn again at the new rate.</summary>
    public void Reschedule()
    {
        CancelTimer(next);
        Schedule();
    }

    protected override void OnMessage(string from, IMessage message)
    {
    }

    protected override void OnRestart() => Schedule();

    private void Schedule()
    {
        var s = settings();
        next = s.OpsPerSecond <= 0 ? null : StartTimer(Random.NextExponential(TimeSpan.FromSeconds(1 / s.OpsPerSecond)), Arrive);
    }

    private void Arrive()
    {
        var s = settings();
        int key = PickKey(s);
        bool write = Random.Chance(s.WriteShare);
        long version = write ? ++versions[key] : 0;
        Send(routerId, new KeyRequest(nextRequestId++, key, write, version));
        Sent++;
        Schedule();
    }

    private int PickKey(ShardingSettings s)
    {
        if (s.HotKeyShare > 0 && Random.Chance(s.HotKeyShare))
        {
            return s.HotKey;
        }
        if (s.SequentialKeys)
        {
            // Each new id is the last one plus one; the key space wraps so it stays bounded.
            sequentialCursor = (sequentialCursor + 1) % versions.Length;
            return sequentialCursor;
        }
        return Random.Next(versions.Length);
    }
}

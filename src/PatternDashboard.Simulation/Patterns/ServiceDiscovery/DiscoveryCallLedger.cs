using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

namespace PatternDashboard.Simulation.Patterns.ServiceDiscovery;

/// <summary>Calls made to one instance, and the stretches of time in which it was called while dead.</summary>
public sealed class InstanceCalls
{
    public const int MaxWindows = 10;

    private readonly List<DeadCallWindow> windows = [];

    public long Sent { get; internal set; }

    public long Answered { get; internal set; }

    public long Failed { get; internal set; }

    /// <summary>Failed calls that went to the instance while it was dead.</summary>
    public long FailedWhileDead { get; internal set; }

    /// <summary>Newest last: from the instance's death to the last call sent to it while dead.</summary>
    public IReadOnlyList<DeadCallWindow> Windows => windows;

    internal void CalledWhileDead(double diedAt, double now)
    {
        if (windows.Count > 0 && windows[^1].DiedAt == diedAt)
        {
            windows[^1] = windows[^1] with { LastCall = now };
            return;
        }
        windows.Add(new DeadCallWindow(diedAt, now));
        if (windows.Count > MaxWindows)
        {
            windows.RemoveAt(0);
        }
    }
}

/// <summary>While a dead instance was still called: from its death to the last call that went to it. Simulated seconds.</summary>
public sealed record DeadCallWindow(double DiedAt, double LastCall);

/// <summary>Calls made by one client and how they ended.</summary>
public sealed class ClientCalls
{
    public long Answered { get; internal set; }

    public long Failed { get; internal set; }

    /// <summary>Calls not even sent: the client's cache listed no instance.</summary>
    public long NoInstance { get; internal set; }
}

/// <summary>Every call of the run, per instance and per client, with rates over the last second for the charts.</summary>
public sealed class DiscoveryCallLedger(ServiceDiscoveryCluster cluster)
{
    private readonly Dictionary<string, InstanceCalls> instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClientCalls> clients = new(StringComparer.Ordinal);

    /// <summary>Every call's outcome as its client saw it (success or failure), for the rates.</summary>
    public CallStats Outcomes { get; } = new();

    /// <summary>Failed calls to dead instances, counted as failures, for their rate.</summary>
    public CallStats DeadOutcomes { get; } = new();

    public long FailedWhileDead { get; private set; }

    public InstanceCalls Instance(string id) => instances.TryGetValue(id, out var calls) ? calls : instances[id] = new InstanceCalls();

    public ClientCalls Client(string id) => clients.TryGetValue(id, out var calls) ? calls : clients[id] = new ClientCalls();

    internal void Sent(string instance, bool dead, TimeSpan now)
    {
        var calls = Instance(instance);
        calls.Sent++;
        if (dead && cluster.InstanceNode(instance).DiedAt is { } diedAt)
        {
            calls.CalledWhileDead(diedAt.TotalSeconds, now.TotalSeconds);
        }
    }

    internal void InstanceOutcome(string instance, bool ok, bool deadWhenSent, TimeSpan now)
    {
        var calls = Instance(instance);
        if (ok)
        {
            calls.Answered++;
            return;
        }
        calls.Failed++;
        if (deadWhenSent)
        {
            calls.FailedWhileDead++;
            FailedWhileDead++;
            DeadOutcomes.Add(now, CallOutcome.Failure);
        }
    }

    internal void ClientOutcome(string client, bool ok)
    {
        var calls = Client(client);
        if (ok)
        {
            calls.Answered++;
        }
        else
        {
            calls.Failed++;
        }
        Outcomes.Add(cluster.Clock.Now, ok ? CallOutcome.Success : CallOutcome.Failure);
    }

    internal void NoInstance(string client)
    {
        Client(client).NoInstance++;
        Outcomes.Add(cluster.Clock.Now, CallOutcome.NoSlot);
    }
}

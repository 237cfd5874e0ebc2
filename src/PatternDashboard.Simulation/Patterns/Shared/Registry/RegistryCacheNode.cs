using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.Registry;

/// <summary>
/// A node that finds instances through the registry: it asks for the table every refresh period and keeps the last
/// answer as its cache. When the registry does not answer (crashed, cut off) the cache stays as it was, stale,
/// which is what keeps it working during a registry outage and also what keeps a dead instance in it. It picks
/// instances from its cache in turn (round robin).
/// </summary>
public abstract class RegistryCacheNode : SimulationNode
{
    private static readonly TimeSpan FirstQueryDelay = TimeSpan.FromMilliseconds(500);

    private readonly string registryId;
    private readonly Action<LeaseEvent> report;
    private readonly Action refresh;
    private List<string> cache = [];
    private NodeTimer? refreshTimer;
    private long nextQueryId = 1;
    private long awaitedQuery;
    private int nextPick;

    protected RegistryCacheNode(SimulationBase simulation, string id, string label, string registryId, TimeSpan refreshPeriod, Action<LeaseEvent> report)
        : base(simulation, id, label)
    {
        this.registryId = registryId;
        this.report = report;
        RefreshPeriod = refreshPeriod;
        refresh = Refresh;
    }

    public TimeSpan RefreshPeriod { get; }

    /// <summary>The instances this node believes are registered, in order.</summary>
    public IReadOnlyList<string> Cache => cache;

    /// <summary>When the registry last answered, or null before the first answer (and after a crash).</summary>
    public TimeSpan? LastRefresh { get; private set; }

    public long Refreshes { get; private set; }

    /// <summary>Queries the registry left unanswered by the time the next one was due.</summary>
    public long MissedRefreshes { get; private set; }

    /// <summary>True while the node keeps its cache fresh.</summary>
    public bool IsRefreshing => refreshTimer is not null;

    /// <summary>True when no answer came for two refresh periods: the cache may list instances long gone.</summary>
    public bool IsStale => LastRefresh is not { } last || Now - last > 2 * RefreshPeriod;

    /// <summary>Whether this node wants a cache at all now (a client in server-side mode does not).</summary>
    protected virtual bool WantsCache => true;

    /// <summary>The first query waits a moment, as a starting process does, so the instances starting with it are listed.</summary>
    public override void Start() => StartTimer(FirstQueryDelay, UpdateRefreshing);

    /// <summary>Starts refreshing (asking at once) or stops, as <see cref="WantsCache"/> now says.</summary>
    public void UpdateRefreshing()
    {
        if (!IsUp)
        {
            return;
        }
        if (WantsCache && refreshTimer is null)
        {
            Refresh();
        }
        else if (!WantsCache && refreshTimer is not null)
        {
            CancelTimer(refreshTimer);
            refreshTimer = null;
            awaitedQuery = 0;
        }
    }

    protected override void OnCrash()
    {
        refreshTimer = null;
        awaitedQuery = 0;
        foreach (var id in cache)
        {
            report(new LeaseEvent(Now.TotalSeconds, id, LeaseEventKind.CacheDropped, Id));
        }
        cache = [];
        LastRefresh = null;
    }

    protected override void OnRestart() => Start();

    /// <summary>The next instance in turn, or null when the cache is empty.</summary>
    protected string? PickInstance()
    {
        if (cache.Count == 0)
        {
            return null;
        }
        nextPick = (nextPick + 1) % cache.Count;
        return cache[nextPick];
    }

    protected sealed override void OnMessage(string from, IMessage message)
    {
        if (message is InstanceList list)
        {
            if (list.QueryId == awaitedQuery && awaitedQuery != 0)
            {
                awaitedQuery = 0;
                Apply(list.InstanceIds);
            }
            return;
        }
        OnOtherMessage(from, message);
    }

    /// <summary>Handles every message but the registry's answers.</summary>
    protected abstract void OnOtherMessage(string from, IMessage message);

    private void Refresh()
    {
        if (awaitedQuery != 0)
        {
            MissedRefreshes++;
        }
        awaitedQuery = nextQueryId++;
        Send(registryId, new QueryInstances(awaitedQuery));
        refreshTimer = StartTimer(RefreshPeriod, refresh);
    }

    private void Apply(IReadOnlyList<string> instances)
    {
        var now = Now.TotalSeconds;
        foreach (var gone in cache.Where(id => !instances.Contains(id)))
        {
            report(new LeaseEvent(now, gone, LeaseEventKind.CacheDropped, Id));
        }
        foreach (var added in instances.Where(id => !cache.Contains(id)))
        {
            report(new LeaseEvent(now, added, LeaseEventKind.CacheAdded, Id));
        }
        cache = [.. instances];
        LastRefresh = Now;
        Refreshes++;
    }
}

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>One hop of a traced request: where it went and how long that took.</summary>
/// <param name="BySidecar">True for time a sidecar adds (its own work, the hops inside a pod to and from it).</param>
public sealed record TraceHop(string What, double Ms, bool BySidecar);

/// <summary>A request followed hop by hop from the clients and back.</summary>
public sealed record TracedRequest(long Number, double StartedAt, double TotalMs, double SidecarMs, string Outcome, IReadOnlyList<TraceHop> Hops);

/// <summary>
/// Follows one request at a time through the pod, its tag riding in the request's operation field. Each node on the
/// path notes a hop when the request reaches it; a hop's time is the time since the previous note, so the hops add up
/// to the whole. The latest finished trace is kept; a trace that never finishes (a crash) is given up.
/// </summary>
public sealed class RequestTrace
{
    public const int MaxHops = 24;

    /// <summary>Time between the end of one trace and the start of the next, so the page can be read.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    private readonly List<TraceHop> hops = [];
    private string? tag;
    private long number;
    private TimeSpan started, lastMark, nextStart;

    public TracedRequest? Latest { get; private set; }

    /// <summary>A tag for a request starting now when none is being followed, or null.</summary>
    public string? TryStart(TimeSpan now)
    {
        if (tag is not null && now - started > GiveUpAfter)
        {
            tag = null;
        }
        if (tag is not null || now < nextStart)
        {
            return null;
        }
        number++;
        tag = $"trace-{number}";
        hops.Clear();
        started = lastMark = now;
        return tag;
    }

    public void Note(string? requestTag, TimeSpan now, string what, bool bySidecar)
    {
        if (requestTag is null || requestTag != tag || hops.Count >= MaxHops)
        {
            return;
        }
        hops.Add(new TraceHop(what, Math.Round((now - lastMark).TotalMilliseconds, 2), bySidecar));
        lastMark = now;
    }

    public void Finish(string? requestTag, TimeSpan now, string lastHop, bool bySidecar, string outcome)
    {
        if (requestTag is null || requestTag != tag)
        {
            return;
        }
        Note(requestTag, now, lastHop, bySidecar);
        double sidecar = 0;
        foreach (var hop in hops)
        {
            sidecar += hop.BySidecar ? hop.Ms : 0;
        }
        Latest = new TracedRequest(number, Math.Round(started.TotalSeconds, 3), Math.Round((now - started).TotalMilliseconds, 2),
            Math.Round(sidecar, 2), outcome, [.. hops]);
        tag = null;
        nextStart = now + Pause;
    }
}

using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

namespace PatternDashboard.Simulation.Patterns.ServiceMesh;

/// <summary>
/// What one edge of the graph carried: the requests the caller made and every attempt including retries, each with
/// its outcome, the requests' latency, and the TLS of what arrived. Fixed memory (one minute of 250 ms buckets).
/// </summary>
public sealed class EdgeStats(string from, string to, string label)
{
    public string From { get; } = from;

    public string To { get; } = to;

    public string Label { get; } = label;

    public CallStats Requests { get; } = new();

    public CallStats Attempts { get; } = new();

    public long MtlsArrivals { get; private set; }

    public long PlaintextAccepted { get; private set; }

    public long PlaintextRefused { get; private set; }

    /// <summary>How the last arrival travelled, or null before any.</summary>
    public string? LastTls { get; private set; }

    public TimeSpan LastArrival { get; private set; }

    public void NoteArrival(TimeSpan now, bool mtls, bool refused)
    {
        LastArrival = now;
        if (mtls)
        {
            MtlsArrivals++;
            LastTls = "mTLS";
        }
        else if (refused)
        {
            PlaintextRefused++;
            LastTls = "plaintext, refused";
        }
        else
        {
            PlaintextAccepted++;
            LastTls = "plaintext";
        }
    }

    public void NoteRequest(TimeSpan now, ServiceReply reply, TimeSpan latency)
    {
        Requests.Add(now, reply.Ok ? CallOutcome.Success : CallOutcome.Failure);
        Requests.AddLatency(latency);
    }

    public void NoteAttempt(TimeSpan now, ServiceReply reply) =>
        Attempts.Add(now, reply.Ok ? CallOutcome.Success : reply == SidecarProxy.CircuitOpen ? CallOutcome.Rejected : CallOutcome.Failure);
}

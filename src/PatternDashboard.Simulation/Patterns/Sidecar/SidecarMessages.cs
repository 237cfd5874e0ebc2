using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>A batch of buffered log lines, by sequence number: lines first to first + count - 1 of one buffer.</summary>
public sealed record LogBatch(string Source, long First, int Count) : IMessage
{
    public string Kind => "log-batch";
}

/// <summary>The log store's answer: it holds every line of the source up to and including <see cref="UpTo"/>.</summary>
public sealed record LogAck(string Source, long UpTo) : IMessage
{
    public string Kind => "log-ack";
}

/// <summary>The metrics sidecar asks the app for its counters.</summary>
public sealed record Scrape : IMessage
{
    public string Kind => "scrape";
}

public sealed record ScrapeReply(long Served, long Failed) : IMessage
{
    public string Kind => "metrics";
}

using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>A customer's request to the facade: a feature, and the customer (or, for a checkout, the order) it is about.</summary>
public sealed record CustomerRequest(long RequestId, string Feature, int Customer) : IMessage
{
    public string Kind => "request";
}

/// <summary>The facade's answer, with the one backend whose answer it is.</summary>
public sealed record CustomerResponse(long RequestId, bool Ok, string Answer, string Backend) : IMessage
{
    public string Kind => Ok ? "response" : "error";
}

using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

/// <summary>A request for a downstream service; <see cref="CallId"/> lets the reply find its caller.</summary>
/// <param name="Credential">The token the caller presented, when the pattern passes one along; services here do not check it.</param>
/// <param name="Operation">What is asked for (a path, a feature and its key), for services whose answer depends on it.</param>
public sealed record ServiceRequest(long CallId, string? Credential = null, string? Operation = null) : IMessage
{
    public string Kind => "request";
}

/// <summary>The service's answer: success, or an error (a 5xx, or "overloaded" when its queue was full).</summary>
public sealed record ServiceResponse(long CallId, bool Ok, string Detail) : IMessage
{
    public string Kind => Ok ? "response" : "error";
}

/// <summary>
/// What a call through a Polly pipeline yields. Failures are values (an outcome), not exceptions, so that the
/// pipeline's predicates see them without anything being thrown.
/// </summary>
/// <param name="Ok">True when the answer is good (a real one, or a fallback).</param>
/// <param name="IsFallback">True for the stand-in answer a fallback gave instead of the service.</param>
public sealed record ServiceReply(bool Ok, string Detail, bool IsFallback = false)
{
    public static ServiceReply Success { get; } = new(true, "ok");

    public static ServiceReply ServerError { get; } = new(false, "server error");
}

using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.ControlPlane;

/// <summary>The control plane's push of one policy version to a proxy (as xDS does for Envoy).</summary>
public sealed record PolicyPush<TPolicy>(long Version, TPolicy Policy) : IMessage
{
    public string Kind => "policy";
}

/// <summary>A proxy's answer to a push: the version it now runs.</summary>
public sealed record PolicyAck(long Version) : IMessage
{
    public string Kind => "policy-ack";
}

using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.Shared.Deployment;

/// <summary>A build of a service. A broken one answers every request with an error and fails its readiness probe.</summary>
public sealed record ServiceVersion(string Name, bool IsBroken = false)
{
    public static ServiceVersion First { get; } = new("v1");

    /// <summary>The version after this one: v1 is followed by v2, whatever it holds.</summary>
    public ServiceVersion Next(bool broken) => new($"v{int.Parse(Name[1..], System.Globalization.CultureInfo.InvariantCulture) + 1}", broken);
}

/// <summary>
/// How far a rolling update may stray from the desired replica count, as Kubernetes counts it: at most
/// replicas + <see cref="MaxSurge"/> instances exist, and at least replicas - <see cref="MaxUnavailable"/> are ready.
/// </summary>
public sealed record RolloutBounds(int MaxSurge, int MaxUnavailable)
{
    /// <summary>
    /// From shares of the replica count, rounded as Kubernetes rounds them: surge up, unavailable down. When both come
    /// to zero unavailable becomes one, so that the rollout can move at all.
    /// </summary>
    public static RolloutBounds FromShares(int replicas, double surgeShare, double unavailableShare)
    {
        if (replicas < 1)
        {
            throw new SimulationInputException($"A deployment needs at least one replica; got {replicas}.");
        }
        if (surgeShare < 0 || unavailableShare < 0 || surgeShare > 1 || unavailableShare > 1)
        {
            throw new SimulationInputException($"Max surge and max unavailable are shares from 0 % to 100 %; got {surgeShare:P0} and {unavailableShare:P0}.");
        }
        if (surgeShare == 0 && unavailableShare == 0)
        {
            throw new SimulationInputException("Max surge and max unavailable cannot both be 0 %: the rollout could neither add an instance nor take one away.");
        }
        int surge = (int)Math.Ceiling(surgeShare * replicas - 1e-9);
        int unavailable = (int)Math.Floor(unavailableShare * replicas + 1e-9);
        return surge == 0 && unavailable == 0 ? new RolloutBounds(0, 1) : new RolloutBounds(surge, unavailable);
    }
}

/// <summary>
/// How an instance comes to life and is judged ready: it needs <see cref="Startup"/> before it answers at all, then
/// the probe asks it every <see cref="Period"/>; <see cref="FailureThreshold"/> failures in a row make it unready.
/// </summary>
public sealed record ProbeSettings(TimeSpan Startup, TimeSpan Period, int FailureThreshold, TimeSpan Drain)
{
    public static ProbeSettings Default { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500), 2, TimeSpan.FromSeconds(1));
}

/// <summary>Where an instance slot is in its life.</summary>
public enum InstancePhase
{
    /// <summary>Nothing runs in the slot; it may be reused for a new instance.</summary>
    Vacant,

    /// <summary>The process is starting and answers nothing yet.</summary>
    Starting,

    /// <summary>Running, and the probe (or, without one, the process being up) says it may take traffic.</summary>
    Ready,

    /// <summary>Running but not ready: the probe fails, or the process died.</summary>
    Unready,

    /// <summary>Taken out of traffic and draining its last requests before it stops.</summary>
    Terminating,
}

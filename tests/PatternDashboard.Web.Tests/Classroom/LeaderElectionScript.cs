using System.Text.Json;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;

namespace PatternDashboard.Web.Tests.Classroom;

/// <summary>A scripted Leader Election run with faults, driven both through a session and directly, to compare the two.</summary>
internal static class LeaderElectionScript
{
    /// <summary>Simulated seconds the script covers.</summary>
    public static readonly TimeSpan End = TimeSpan.FromSeconds(20);

    /// <summary>Faults at fixed times; every one applies whatever the seed (no "crash the leader" that needs a leader).</summary>
    public static readonly (double At, FaultRequest Fault)[] Steps =
    [
        (2.5, new FaultRequest(Fault.Crash, "n2")),
        (4.0, new FaultRequest(Fault.Split)),
        (7.25, new FaultRequest(Fault.Restart, "n2")),
        (9.0, new FaultRequest(Fault.Heal)),
        (11.5, new FaultRequest(Fault.Delay, Value: 120)),
        (13.0, new FaultRequest(Fault.Isolate, "n4")),
        (16.0, new FaultRequest(Fault.Heal)),
    ];

    /// <summary>A session as the manager admits one: its log sized from the limits.</summary>
    public static SimulationSession Session(long seed, SessionLimits? limits = null)
    {
        limits ??= new SessionLimits();
        var simulation = Descriptor.CreateSimulation(seed);
        simulation.Log.Resize(limits.EventLogCapacity);
        return new("s1", "owner", simulation, limits, TimeProvider.System);
    }

    /// <summary>Plays the script through the session's own inputs, as a person would, up to <see cref="End"/>.</summary>
    public static async Task PlayAsync(ISimulationSession session)
    {
        foreach (var (at, fault) in Steps)
        {
            await RunToAsync(session, TimeSpan.FromSeconds(at));
            await session.InjectFaultAsync(fault);
        }
        await RunToAsync(session, End);
    }

    /// <summary>A fresh simulation given the script's inputs up to <paramref name="stop"/>, then stopped there.</summary>
    public static SimulationBase FreshRun(long seed, TimeSpan stop)
    {
        var simulation = Descriptor.CreateSimulation(seed);
        foreach (var (at, fault) in Steps.Where(s => TimeSpan.FromSeconds(s.At) <= stop))
        {
            simulation.RunUntil(TimeSpan.FromSeconds(at));
            simulation.InjectFault(fault);
        }
        simulation.RunUntil(stop);
        return simulation;
    }

    public static async Task RunToAsync(ISimulationSession session, TimeSpan time)
    {
        var now = TimeSpan.FromSeconds(session.Current.Snapshot.SimulatedTime);
        if (time > now)
        {
            await session.RunForAsync(time - now);
        }
    }

    /// <summary>The whole log the session still holds, read page by page as a viewer would.</summary>
    public static async Task<List<SimulationEvent>> AllEventsAsync(ISimulationSession session)
    {
        var all = new List<SimulationEvent>();
        while (true)
        {
            var page = await session.GetEventsAsync(all.Count == 0 ? 0 : all[^1].Sequence);
            if (page.Count == 0)
            {
                return all;
            }
            all.AddRange(page);
        }
    }

    /// <summary>A snapshot as text, details included, so two snapshots compare field by field.</summary>
    public static string Json(SimulationSnapshot snapshot) =>
        JsonSerializer.Serialize(snapshot, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
}

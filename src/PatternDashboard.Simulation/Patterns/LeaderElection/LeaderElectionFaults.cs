using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>How the cluster checks and applies its own faults of <see cref="LeaderElectionPattern.Faults"/>; the kernel does crash, pause and the network's.</summary>
public sealed partial class LeaderElectionCluster
{
    // The board records no target for "crash leader"; these are its victims, in the order of those active faults.
    private readonly List<string> crashLeaderVictims = [];

    // The client only writes; every node fault is about the cluster.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => node != Client;

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        var node = request.Target is null || request.Target == Client.Id ? null : Raft(request.Target);
        string? refusal = definition.Id switch
        {
            Fault.CrashLeader when CurrentLeader is null => "There is no leader to crash right now; wait for an election to finish.",
            Fault.ForceTimeout when node is not null && !node.IsUp => $"{node.Label} is {LifecycleFaults.LifecycleWord(node.Lifecycle)}; its timers are stopped.",
            Fault.ForceTimeout when node?.Role == RaftRole.Leader => $"{node.Label} is the leader and runs no election timer; crash, pause or isolate it instead.",
            Fault.BreakQuorum when BreakQuorum => "Break it is already on; clear it to restore majorities.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request) => definition.Id switch
    {
        Fault.CrashLeader => CrashLeader(),
        Fault.ForceTimeout => ForceTimeout(Raft(request.Target!)),
        Fault.BreakQuorum => SetBreakQuorum(),
        _ => base.ApplyFault(definition, request),
    };

    // Restarting the victim of "crash leader" ends that fault too.
    protected override ActiveFault? CrashCause(SimulationNode node)
    {
        var crashLeaderFaults = Faults.Active.Where(f => f.FaultId == Fault.CrashLeader).ToList();
        int victim = crashLeaderVictims.IndexOf(node.Id);
        return victim >= 0 && victim < crashLeaderFaults.Count ? crashLeaderFaults[victim] : null;
    }

    protected override void OnFaultsChanged() => ObserveLeadership();

    /// <summary>
    /// The minority (floor(n/2) nodes) holds the current leader when there is one: the instructive case, where
    /// an old leader keeps believing it leads while the majority elects another. The client reaches both sides.
    /// </summary>
    protected override (IReadOnlyList<SimulationNode> Minority, IReadOnlyList<SimulationNode> Majority) SplitSides()
    {
        int size = raftNodes.Count / 2;
        int first = CurrentLeader is { } leader ? raftNodes.IndexOf(leader) : 0;
        var minority = Enumerable.Range(first, size).Select(i => raftNodes[i % raftNodes.Count]).ToList();
        return (minority, [.. raftNodes.Where(n => !minority.Contains(n))]);
    }

    private RaftNode Raft(string id) => raftNodes.First(n => n.Id == id);

    private Action CrashLeader()
    {
        var leader = CurrentLeader!;
        leader.Crash();
        crashLeaderVictims.Add(leader.Id);
        return () =>
        {
            crashLeaderVictims.Remove(leader.Id);
            leader.Restart();
        };
    }

    private static Action? ForceTimeout(RaftNode node)
    {
        node.ForceElectionTimeout();
        return null;
    }

    private Action SetBreakQuorum()
    {
        BreakQuorum = true;
        return () => BreakQuorum = false;
    }
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using static PatternDashboard.Simulation.Patterns.LeaderElection.LeaderElectionPattern;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>How the cluster checks and applies each fault of <see cref="LeaderElectionPattern.Faults"/>.</summary>
public sealed partial class LeaderElectionCluster
{
    private static readonly HashSet<string> NetworkFaults = [Fault.Isolate, Fault.Split, Fault.OneWay, Fault.Delay, Fault.Loss];

    private readonly LinkConditions baseConditions;
    private readonly List<double> extraDelaysMs = [];
    private readonly List<double> lossRates = [];
    // The board records no target for "crash leader"; these are its victims, in the order of those active faults.
    private readonly List<string> crashLeaderVictims = [];

    // The client only writes; every node fault is about the cluster.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => node != Client;

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        if (request.Target == Client.Id)
        {
            throw new SimulationInputException(
                $"The client is not part of the cluster; aim '{definition.Id}' at one of {string.Join(", ", raftNodes.Select(n => n.Id))}.");
        }
        var node = request.Target is null ? null : Raft(request.Target);
        string? refusal = definition.Id switch
        {
            Fault.Crash when node!.Lifecycle == NodeLifecycle.Crashed => $"{node.Label} is already crashed; restart it first.",
            Fault.CrashLeader when CurrentLeader is null => "There is no leader to crash right now; wait for an election to finish.",
            Fault.Restart when node!.Lifecycle != NodeLifecycle.Crashed => $"{node.Label} is {LifecycleWord(node.Lifecycle)}; only a crashed node can restart.",
            Fault.Pause when !node!.IsUp => $"{node.Label} is {LifecycleWord(node.Lifecycle)}; only a running node can pause.",
            Fault.Resume when node!.Lifecycle != NodeLifecycle.Paused => $"{node.Label} is {LifecycleWord(node.Lifecycle)}, not paused; there is nothing to resume.",
            Fault.Isolate when Faults.IsActive(Fault.Isolate, node!.Id) => $"{node.Label} is already isolated.",
            Fault.OneWay when Faults.IsActive(Fault.OneWay, node!.Id) => $"{node.Label} already has a one-way link failure.",
            Fault.Split when Faults.IsActive(Fault.Split) => "The cluster is already split; heal the network first.",
            Fault.ForceTimeout when !node!.IsUp => $"{node.Label} is {LifecycleWord(node.Lifecycle)}; its timers are stopped.",
            Fault.ForceTimeout when node!.Role == RaftRole.Leader => $"{node.Label} is the leader and runs no election timer; crash, pause or isolate it instead.",
            Fault.BreakQuorum when BreakQuorum => "Break it is already on; clear it to restore majorities.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        var node = request.Target is null ? null : Raft(request.Target);
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        Action? undo = definition.Id switch
        {
            Fault.Crash => Crash(node!),
            Fault.CrashLeader => CrashLeader(),
            Fault.Restart => Restart(node!),
            Fault.Pause => Pause(node!),
            Fault.Resume => Resume(node!),
            Fault.Isolate => Block([.. PairsWith(node!, outgoing: true), .. PairsWith(node!, outgoing: false)]),
            Fault.OneWay => Block(PairsWith(node!, outgoing: true)),
            Fault.Split => Split(),
            Fault.Heal => Heal(),
            Fault.Delay => AdjustConditions(extraDelaysMs, value),
            Fault.Loss => AdjustConditions(lossRates, value / 100),
            Fault.ForceTimeout => ForceTimeout(node!),
            Fault.BreakQuorum => SetBreakQuorum(),
            _ => throw new InvalidOperationException($"Fault '{definition.Id}' has no implementation."),
        };
        ObserveLeadership();
        return undo is null ? null : () =>
        {
            undo();
            ObserveLeadership();
        };
    }

    internal static string LifecycleWord(NodeLifecycle lifecycle) => lifecycle.ToString().ToLowerInvariant();

    private RaftNode Raft(string id) => raftNodes.First(n => n.Id == id);

    private Action Crash(RaftNode node)
    {
        // A paused node can be killed; its pause then has nothing left to undo.
        Faults.Forget(f => f.FaultId == Fault.Pause && f.Target == node.Id);
        node.Crash();
        return node.Restart;
    }

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

    /// <summary>Restarting a crashed node ends the fault that crashed it, so it leaves the active list too.</summary>
    private Action? Restart(RaftNode node)
    {
        var crashLeaderFaults = Faults.Active.Where(f => f.FaultId == Fault.CrashLeader).ToList();
        int victim = crashLeaderVictims.IndexOf(node.Id);
        var cause = Faults.Active.FirstOrDefault(f => f.FaultId == Fault.Crash && f.Target == node.Id)
            ?? (victim >= 0 && victim < crashLeaderFaults.Count ? crashLeaderFaults[victim] : null);
        if (cause is not null)
        {
            ClearQuietly(cause);
        }
        node.Restart();
        return null;
    }

    private Action Pause(RaftNode node)
    {
        node.Pause();
        return node.Resume;
    }

    private Action? Resume(RaftNode node)
    {
        if (Faults.Active.FirstOrDefault(f => f.FaultId == Fault.Pause && f.Target == node.Id) is { } pause)
        {
            ClearQuietly(pause);
        }
        node.Resume();
        return null;
    }

    /// <summary>The links between a node and every other node (the client included) in one direction.</summary>
    private List<(string From, string To)> PairsWith(RaftNode node, bool outgoing) =>
        [.. Nodes.Where(other => other != node).Select(other => outgoing ? (node.Id, other.Id) : (other.Id, node.Id))];

    private Action Block(IReadOnlyList<(string From, string To)> links)
    {
        foreach (var (from, to) in links)
        {
            Network.Block(from, to);
        }
        return () =>
        {
            foreach (var (from, to) in links)
            {
                Network.Unblock(from, to);
            }
        };
    }

    /// <summary>
    /// The minority (floor(n/2) nodes) holds the current leader when there is one: the instructive case, where
    /// an old leader keeps believing it leads while the majority elects another. The client reaches both sides.
    /// </summary>
    private Action Split()
    {
        int size = raftNodes.Count / 2;
        int first = CurrentLeader is { } leader ? raftNodes.IndexOf(leader) : 0;
        var minority = Enumerable.Range(first, size).Select(i => raftNodes[i % raftNodes.Count]).ToList();
        var majority = raftNodes.Where(n => !minority.Contains(n)).ToList();
        Log.Append(null, "fault", $"Split: {string.Join(", ", minority.Select(n => n.Label))} | {string.Join(", ", majority.Select(n => n.Label))}");
        var links = minority.SelectMany(a => majority.SelectMany(b => new[] { (a.Id, b.Id), (b.Id, a.Id) })).ToList();
        return Block(links);
    }

    private Action? Heal()
    {
        foreach (var fault in Faults.Active.Where(f => NetworkFaults.Contains(f.FaultId)).ToList())
        {
            ClearQuietly(fault);
        }
        return null;
    }

    private Action AdjustConditions(List<double> contributions, double value)
    {
        contributions.Add(value);
        ApplyConditions();
        return () =>
        {
            contributions.Remove(value);
            ApplyConditions();
        };
    }

    private void ApplyConditions()
    {
        double delivered = lossRates.Aggregate(1.0, (kept, loss) => kept * (1 - loss));
        Network.Conditions = baseConditions with
        {
            BaseDelay = baseConditions.BaseDelay + TimeSpan.FromMilliseconds(extraDelaysMs.Sum()),
            LossRate = Math.Clamp(1 - delivered, 0, 1),
        };
    }

    private Action? ForceTimeout(RaftNode node)
    {
        node.ForceElectionTimeout();
        return null;
    }

    private Action SetBreakQuorum()
    {
        BreakQuorum = true;
        return () => BreakQuorum = false;
    }

    /// <summary>Ends an active fault as a side effect of another input, logged like a clear.</summary>
    private void ClearQuietly(ActiveFault fault)
    {
        Faults.Remove(fault.Id);
        Log.Append(fault.Target, "fault", $"Cleared: {fault.Label}");
    }
}

using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Sharding.ShardingPattern;

namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>How the cluster checks and applies its own faults of <see cref="ShardingPattern.Faults"/>; the kernel does crash, pause and the network's.</summary>
public sealed partial class ShardingCluster
{
    // The router and the clients stand for the store's front door; faults aim at shards.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => node is ShardNode;

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        string? refusal = definition.Id switch
        {
            Fault.AddShard or Fault.RemoveShard when Router.IsRebalancing() =>
                "A rebalance is still running; wait until every shard has handed off its keys.",
            Fault.AddShard when NextSpare() is null => shards.Count == Members.Count
                ? $"All {MaxShards} shards are in service."
                : "Every spare shard is down; restart one first.",
            Fault.RemoveShard => RemovalRefusal(Shard(request.Target!)),
            Fault.HotKey when Faults.IsActive(Fault.HotKey) => "A key is already hot; undo that first.",
            Fault.SequentialKeys when Settings.SequentialKeys => "The clients already use sequential keys.",
            Fault.ModuloPlacement when ModuloPlacement => "The consistent-hashing store already rebalances by hash modulo N.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        switch (definition.Id)
        {
            case Fault.AddShard:
                ChangeShards(NextSpare()!.Id, null);
                return null;
            case Fault.RemoveShard:
                retiring = request.Target;
                ChangeShards(null, request.Target);
                return null;
            case Fault.HotKey:
                Settings = Settings with { HotKeyShare = value / 100 };
                Log.Append(ClientsId, "load", $"{KeyName(Settings.HotKey)} is hot: {value} % of all requests");
                return () => Settings = Settings with { HotKeyShare = 0 };
            case Fault.SequentialKeys:
                Settings = Settings with { SequentialKeys = true };
                return () => Settings = Settings with { SequentialKeys = false };
            case Fault.ModuloPlacement:
                ModuloPlacement = true;
                ringBackWhenDone = false;
                Log.Append(RouterId, "config", "The consistent-hashing store will rebalance by hash modulo N");
                return UndoModuloPlacement;
            default:
                return base.ApplyFault(definition, request);
        }
    }

    private void UndoModuloPlacement()
    {
        ModuloPlacement = false;
        if (Router.MapOf(Strategy.Ring) is not ModuloMap)
        {
            return;
        }
        if (Router.IsRebalancing())
        {
            ringBackWhenDone = true;
        }
        else
        {
            RingBack();
        }
    }

    private string? RemovalRefusal(ShardNode shard) =>
        !Members.Contains(shard.Id) ? $"{shard.Label} is not in service."
        : Members.Count <= MinShards ? $"Only {MinShards} shards are in service; the store keeps them."
        : !shard.IsUp ? $"{shard.Label} is {LifecycleFaults.LifecycleWord(shard.Lifecycle)} and cannot hand off its keys; restart it first."
        : null;

    private ShardNode? NextSpare() => shards.FirstOrDefault(s => !Members.Contains(s.Id) && s.IsUp && s.HandingOff == 0);
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>
/// One shard: for each strategy, the keys it owns and the copies it keeps for other shards, both on disk (they survive a
/// crash). On a new map it hands off the keys it no longer owns and keeps each batch until the new owner acknowledges
/// it, resending meanwhile, so a crash or a lost message on either side delays a move but never loses a key.
/// </summary>
public sealed class ShardNode : SimulationNode
{
    public const int BatchSize = 100;

    public static readonly TimeSpan ResendEvery = TimeSpan.FromMilliseconds(500);

    private readonly Table[] tables;
    private readonly string routerId;
    private long nextBatchId = 1;
    private NodeTimer? resendTimer;

    public ShardNode(SimulationBase simulation, string id, string label, string routerId, IReadOnlyList<KeyLedger> ledgers)
        : base(simulation, id, label)
    {
        this.routerId = routerId;
        tables = [.. ledgers.Select(l => new Table(l))];
    }

    public int Number => ShardingPattern.ShardNumber(Id);

    public int KeysOwned(Strategy strategy) => tables[(int)strategy].Owned.Count;

    public int CopiesKept(Strategy strategy) => tables[(int)strategy].Replicas.Count;

    /// <summary>Keys handed off and not yet acknowledged, over every strategy.</summary>
    public int HandingOff => tables.Sum(t => t.Outbox.Values.Sum(b => b.Entries.Count));

    public bool Owns(Strategy strategy, int key, out long version) => tables[(int)strategy].Owned.TryGetValue(key, out version);

    /// <summary>The store's first load, before the run: every key the map gives this shard, at version 0.</summary>
    internal void Load(Strategy strategy, ShardMap map, int keyCount, bool withReplicas)
    {
        var table = tables[(int)strategy];
        table.Map = map;
        for (int key = 0; key < keyCount; key++)
        {
            if (map.OwnerOf(key) == Id)
            {
                table.Owned[key] = 0;
                table.Ledger.Claim(key);
            }
            else if (withReplicas && map.ReplicaOf(key) == Id)
            {
                table.Replicas[key] = 0;
            }
        }
    }

    /// <summary>Out of service with nothing left to hand off: the copies it kept for others are dropped. It keeps its
    /// maps, so a late message from an older map cannot make it take keys again.</summary>
    internal void Retire()
    {
        foreach (var table in tables)
        {
            table.Replicas.Clear();
        }
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case ShardOperation op:
                Send(from, new OperationResult(op.Id, op.Strategy, Serve(op)));
                break;
            case ReplicaCopy copy:
                var replicas = tables[(int)copy.Strategy].Replicas;
                foreach (var entry in copy.Entries)
                {
                    replicas[entry.Key] = Math.Max(replicas.GetValueOrDefault(entry.Key), entry.Version);
                }
                break;
            case Rebalance rebalance:
                if (rebalance.Map.Epoch > EpochOf(rebalance.Strategy))
                {
                    Adopt(rebalance.Strategy, rebalance.Map);
                }
                ReportIfDone(rebalance.Strategy);
                break;
            case Handoff handoff:
                Receive(from, handoff);
                break;
            case HandoffAck ack:
                var table = tables[(int)ack.Strategy];
                if (table.Outbox.Remove(ack.BatchId, out var batch))
                {
                    foreach (var entry in batch.Entries)
                    {
                        table.Ledger.DropCopy(entry.Key);
                    }
                    ReportIfDone(ack.Strategy);
                }
                break;
            case RefreshReplicas refresh:
                CopyToReplicas(refresh.Strategy);
                break;
        }
    }

    protected override void OnRestart()
    {
        resendTimer = null;
        EnsureResending();
    }

    private OperationOutcome Serve(ShardOperation op)
    {
        var table = tables[(int)op.Strategy];
        if (op.FromReplica)
        {
            if (op.IsWrite)
            {
                table.Replicas[op.Key] = Math.Max(table.Replicas.GetValueOrDefault(op.Key), op.Version);
                return OperationOutcome.Done;
            }
            return table.Replicas.ContainsKey(op.Key) ? OperationOutcome.Done : OperationOutcome.NoCopy;
        }
        if (table.Owned.TryGetValue(op.Key, out long version))
        {
            if (op.IsWrite && op.Version > version)
            {
                table.Owned[op.Key] = op.Version;
            }
            return OperationOutcome.Done;
        }
        // The map gives it to this shard but the data is still travelling from its old owner.
        return table.Map?.OwnerOf(op.Key) == Id ? OperationOutcome.Moving : OperationOutcome.NotMine;
    }

    private int EpochOf(Strategy strategy) => tables[(int)strategy].Map?.Epoch ?? -1;

    private void Adopt(Strategy strategy, ShardMap map)
    {
        var table = tables[(int)strategy];
        table.Map = map;
        var leaving = table.Owned.Where(kv => map.OwnerOf(kv.Key) != Id).OrderBy(kv => kv.Key).ToList();
        foreach (var group in leaving.GroupBy(kv => map.OwnerOf(kv.Key)))
        {
            foreach (var chunk in group.Chunk(BatchSize))
            {
                var batch = new Handoff(nextBatchId++, strategy, map, [.. chunk.Select(kv => new KeyVersion(kv.Key, kv.Value))]);
                foreach (var entry in batch.Entries)
                {
                    // The copy is counted before the claim is let go, so the key is never held by no one.
                    table.Ledger.AddCopy(entry.Key);
                    table.Owned.Remove(entry.Key);
                    table.Ledger.Release(entry.Key);
                }
                table.Outbox.Add(batch.BatchId, new Outgoing(group.Key, batch));
                Send(group.Key, batch);
            }
        }
        if (leaving.Count > 0)
        {
            Log("rebalance", $"{Label} hands off {leaving.Count} keys of the {ShardingPattern.StrategyTitle(strategy)} store");
        }
        EnsureResending();
    }

    private void Receive(string from, Handoff handoff)
    {
        if (handoff.Map.Epoch > EpochOf(handoff.Strategy))
        {
            // The router's word of the new map has not arrived yet; the batch carries it.
            Adopt(handoff.Strategy, handoff.Map);
        }
        var table = tables[(int)handoff.Strategy];
        // A batch from an older map is a resend whose first copy already arrived: the keys are here or moved on since.
        if (handoff.Map.Epoch == EpochOf(handoff.Strategy))
        {
            foreach (var entry in handoff.Entries)
            {
                if (table.Map!.OwnerOf(entry.Key) != Id)
                {
                    continue;
                }
                if (table.Owned.TryGetValue(entry.Key, out long version))
                {
                    table.Owned[entry.Key] = Math.Max(version, entry.Version);
                }
                else
                {
                    table.Owned[entry.Key] = entry.Version;
                    table.Ledger.Claim(entry.Key);
                }
            }
        }
        Send(from, new HandoffAck(handoff.BatchId, handoff.Strategy));
    }

    private void ReportIfDone(Strategy strategy)
    {
        var table = tables[(int)strategy];
        if (table.Map is { } map && table.Outbox.Count == 0)
        {
            Send(routerId, new Rebalanced(strategy, map.Epoch));
        }
    }

    private void CopyToReplicas(Strategy strategy)
    {
        var table = tables[(int)strategy];
        if (table.Map is not { } map)
        {
            return;
        }
        foreach (var group in table.Owned.OrderBy(kv => kv.Key).GroupBy(kv => map.ReplicaOf(kv.Key)).Where(g => g.Key != Id))
        {
            foreach (var chunk in group.Chunk(BatchSize))
            {
                Send(group.Key, new ReplicaCopy(strategy, [.. chunk.Select(kv => new KeyVersion(kv.Key, kv.Value))]));
            }
        }
    }

    private void EnsureResending()
    {
        if (resendTimer is null && tables.Any(t => t.Outbox.Count > 0))
        {
            resendTimer = StartTimer(ResendEvery, Resend);
        }
    }

    private void Resend()
    {
        resendTimer = null;
        foreach (var table in tables)
        {
            foreach (var outgoing in table.Outbox.Values)
            {
                Send(outgoing.To, outgoing.Batch);
            }
        }
        EnsureResending();
    }

    private sealed record Outgoing(string To, Handoff Batch)
    {
        public IReadOnlyList<KeyVersion> Entries => Batch.Entries;
    }

    private sealed class Table(KeyLedger ledger)
    {
        public KeyLedger Ledger { get; } = ledger;

        public Dictionary<int, long> Owned { get; } = [];

        public Dictionary<int, long> Replicas { get; } = [];

        public SortedDictionary<long, Outgoing> Outbox { get; } = [];

        public ShardMap? Map { get; set; }
    }
}

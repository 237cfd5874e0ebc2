namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>The three ways the store places a key on a shard; each runs its own copy of the same keys.</summary>
public enum Strategy
{
    Modulo,
    Ring,
    Range,
}

/// <summary>
/// The key and ring-point hashes. Salted by the seed, so every seed lays the keys out afresh; a 64-bit mix rather than
/// string.GetHashCode, which differs from process to process.
/// </summary>
public sealed class KeyHasher(ulong salt)
{
    public ulong OfKey(int key) => Mix(salt ^ unchecked((ulong)(key + 1) * 0x9E3779B97F4A7C15UL));

    public ulong OfPoint(int shardNumber, int virtualNode) =>
        Mix(~salt ^ unchecked(((ulong)shardNumber << 32 | (uint)virtualNode) * 0xC2B2AE3D27D4EB4FUL));

    // SplitMix64's finalizer: every input bit reaches every output bit.
    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

/// <summary>
/// One version of the router's map for one strategy: which shard owns each key. Immutable; a rebalance makes a new one
/// with the next epoch. Shards get the same object in their messages and compute from it which keys they hold.
/// </summary>
public abstract class ShardMap(int epoch, IReadOnlyList<string> members)
{
    public int Epoch { get; } = epoch;

    /// <summary>The shards in service, in the order they joined.</summary>
    public IReadOnlyList<string> Members { get; } = members;

    /// <summary>The words a page shows for the placement: "hash modulo 4".</summary>
    public abstract string Placement { get; }

    public abstract string OwnerOf(int key);

    /// <summary>The shard that keeps a copy of the key when replicas are on: the next one along, never the owner.</summary>
    public abstract string ReplicaOf(int key);
}

/// <summary>owner = members[hash(key) mod N]: even and simple, but N is in every key's address.</summary>
public sealed class ModuloMap(int epoch, IReadOnlyList<string> members, KeyHasher hasher) : ShardMap(epoch, members)
{
    public override string Placement => $"hash modulo {Members.Count}";

    public override string OwnerOf(int key) => Members[Index(key)];

    public override string ReplicaOf(int key) => Members[(Index(key) + 1) % Members.Count];

    public int Index(int key) => (int)(hasher.OfKey(key) % (ulong)Members.Count);
}

/// <summary>
/// Consistent hashing: each shard puts <c>V</c> points on a ring of 2^64 hashes; a key belongs to the first point at or
/// after its hash. A new shard takes only the arcs in front of its own points.
/// </summary>
public sealed class RingMap : ShardMap
{
    private readonly KeyHasher hasher;
    private readonly ulong[] points;
    private readonly string[] owners;

    public RingMap(int epoch, IReadOnlyList<string> members, int virtualNodes, KeyHasher hasher) : base(epoch, members)
    {
        this.hasher = hasher;
        VirtualNodes = virtualNodes;
        var ring = new List<(ulong Point, string Owner)>(members.Count * virtualNodes);
        foreach (var member in members)
        {
            for (int v = 0; v < virtualNodes; v++)
            {
                ring.Add((hasher.OfPoint(ShardingPattern.ShardNumber(member), v), member));
            }
        }
        ring.Sort((a, b) => a.Point.CompareTo(b.Point));
        points = [.. ring.Select(r => r.Point)];
        owners = [.. ring.Select(r => r.Owner)];
    }

    public int VirtualNodes { get; }

    public override string Placement => $"ring, {VirtualNodes} virtual nodes per shard";

    public override string OwnerOf(int key) => owners[PointAt(hasher.OfKey(key))];

    public override string ReplicaOf(int key)
    {
        int start = PointAt(hasher.OfKey(key));
        for (int i = 1; i < owners.Length; i++)
        {
            string next = owners[(start + i) % owners.Length];
            if (next != owners[start])
            {
                return next;
            }
        }
        return owners[start];
    }

    /// <summary>The share of the ring (of all hashes) a shard owns, 0 to 1.</summary>
    public double ShareOf(string member)
    {
        double share = 0;
        for (int i = 0; i < points.Length; i++)
        {
            if (owners[i] == member)
            {
                // Point i owns the arc from the previous point (exclusive) up to itself.
                ulong previous = points[(i + points.Length - 1) % points.Length];
                share += unchecked(points[i] - previous) / 18446744073709551616.0;
            }
        }
        return points.Length == 1 ? 1 : share;
    }

    private int PointAt(ulong hash)
    {
        int index = Array.BinarySearch(points, hash);
        index = index >= 0 ? index : ~index;
        return index == points.Length ? 0 : index;
    }
}

/// <summary>
/// Key ranges: keys sorted by name, each shard a contiguous range. Adding a shard splits the fullest range in two;
/// removing one hands its range to a neighbour. Ranges keep neighbours together, so sequential keys land on one shard.
/// </summary>
public sealed class RangeMap : ShardMap
{
    private readonly int[] starts;
    private readonly string[] owners;

    public RangeMap(int epoch, IReadOnlyList<string> members, IReadOnlyList<(int Start, string Owner)> ranges, int keyCount) : base(epoch, members)
    {
        starts = [.. ranges.Select(r => r.Start)];
        owners = [.. ranges.Select(r => r.Owner)];
        KeyCount = keyCount;
    }

    public int KeyCount { get; }

    public override string Placement => $"{owners.Length} key ranges";

    /// <summary>Each range: its first key, one past its last, and its shard, in key order.</summary>
    public IEnumerable<(int Start, int End, string Owner)> Ranges =>
        starts.Select((s, i) => (s, i + 1 < starts.Length ? starts[i + 1] : KeyCount, owners[i]));

    public override string OwnerOf(int key) => owners[RangeAt(key)];

    public override string ReplicaOf(int key) => owners.Length == 1 ? owners[0] : owners[(RangeAt(key) + 1) % owners.Length];

    /// <summary>Even ranges over the key space, one per member in order.</summary>
    public static RangeMap Even(int epoch, IReadOnlyList<string> members, int keyCount) =>
        new(epoch, members, [.. members.Select((m, i) => (keyCount * i / members.Count, m))], keyCount);

    /// <summary>The widest range split at its middle: the new shard takes the upper half.</summary>
    public RangeMap WithAdded(string member)
    {
        var ranges = Ranges.ToList();
        int widest = ranges.IndexOf(ranges.MaxBy(r => r.End - r.Start));
        var (start, end, _) = ranges[widest];
        var list = ranges.Select(r => (r.Start, r.Owner)).ToList();
        list.Insert(widest + 1, (start + (end - start) / 2, member));
        return new RangeMap(Epoch + 1, [.. Members, member], list, KeyCount);
    }

    /// <summary>The member's range goes to the range before it (the first range's to the one after).</summary>
    public RangeMap WithRemoved(string member)
    {
        var list = Ranges.Select(r => (r.Start, r.Owner)).ToList();
        int index = list.FindIndex(r => r.Owner == member);
        if (index == 0)
        {
            list[1] = (0, list[1].Owner);
        }
        list.RemoveAt(index);
        return new RangeMap(Epoch + 1, [.. Members.Where(m => m != member)], list, KeyCount);
    }

    private int RangeAt(int key)
    {
        int index = Array.BinarySearch(starts, key);
        return index >= 0 ? index : ~index - 1;
    }
}

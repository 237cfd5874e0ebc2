namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>
/// The invariants' view of one strategy's data, told by the shards as they claim, release and copy keys: how many
/// shards own each key and how many copies are on their way. Kept as counters so the monitors, which run after every
/// event, read them in constant time. The algorithm never reads it.
/// </summary>
public sealed class KeyLedger
{
    private readonly int[] owners;
    private readonly int[] inTransit;

    public KeyLedger(int keyCount)
    {
        owners = new int[keyCount];
        inTransit = new int[keyCount];
        Unowned = keyCount;
        Lost = keyCount;
    }

    /// <summary>Keys no shard owns right now (fine only while they travel).</summary>
    public int Unowned { get; private set; }

    /// <summary>Keys owned by two shards or more.</summary>
    public int OverOwned { get; private set; }

    /// <summary>Keys neither owned nor held in any shard's outbox: their data is gone.</summary>
    public int Lost { get; private set; }

    /// <summary>Keys held in an outbox, waiting for the new owner's acknowledgement.</summary>
    public int InTransit { get; private set; }

    public int LastOverOwnedKey { get; private set; } = -1;

    public int LastLostKey { get; private set; } = -1;

    public void Claim(int key) => Change(key, ownerDelta: 1, transitDelta: 0);

    public void Release(int key) => Change(key, ownerDelta: -1, transitDelta: 0);

    public void AddCopy(int key) => Change(key, 0, 1);

    public void DropCopy(int key) => Change(key, 0, -1);

    private void Change(int key, int ownerDelta, int transitDelta)
    {
        int beforeOwners = owners[key], beforeHeld = owners[key] + inTransit[key];
        owners[key] += ownerDelta;
        if (transitDelta != 0)
        {
            InTransit += (inTransit[key] + transitDelta > 0 ? 1 : 0) - (inTransit[key] > 0 ? 1 : 0);
        }
        inTransit[key] += transitDelta;
        int afterOwners = owners[key], afterHeld = owners[key] + inTransit[key];
        Unowned += (afterOwners == 0 ? 1 : 0) - (beforeOwners == 0 ? 1 : 0);
        OverOwned += (afterOwners > 1 ? 1 : 0) - (beforeOwners > 1 ? 1 : 0);
        Lost += (afterHeld == 0 ? 1 : 0) - (beforeHeld == 0 ? 1 : 0);
        if (afterOwners > 1)
        {
            LastOverOwnedKey = key;
        }
        if (afterHeld == 0)
        {
            LastLostKey = key;
        }
    }
}

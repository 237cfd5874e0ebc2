namespace PatternDashboard.Simulation.Kernel;

/// <summary>
/// A seeded pseudo-random source (xoshiro256**, seeded through SplitMix64). Its sequence depends only on
/// the seed, never on the runtime version, so recordings replay identically everywhere. Give each node or
/// purpose its own stream with <see cref="Derive"/> so that one consumer never shifts another's numbers.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0, s1, s2, s3;

    public SeededRandom(long seed)
    {
        Seed = seed;
        ulong x = unchecked((ulong)seed);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    public long Seed { get; }

    /// <summary>An independent stream named by <paramref name="purpose"/>; the same seed and name give the same stream.</summary>
    public SeededRandom Derive(string purpose)
    {
        // FNV-1a, because string.GetHashCode is randomized per process.
        ulong hash = 14695981039346656037UL;
        foreach (char c in purpose)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }
        return new SeededRandom(unchecked((long)(hash ^ (ulong)Seed * 0x9E3779B97F4A7C15UL)));
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextDouble() * maxExclusive);
    }

    /// <summary>An integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    /// <summary>A time uniformly between the two bounds.</summary>
    public TimeSpan NextTime(TimeSpan min, TimeSpan max) =>
        min + TimeSpan.FromTicks((long)(NextDouble() * (max - min).Ticks));

    /// <summary>An exponentially distributed time with the given mean.</summary>
    public TimeSpan NextExponential(TimeSpan mean) =>
        TimeSpan.FromTicks((long)(-Math.Log(1.0 - NextDouble()) * mean.Ticks));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

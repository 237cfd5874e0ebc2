namespace PatternDashboard.Simulation.Patterns.Shared.EventStore;

/// <summary>
/// One fact as the store keeps it: the stream it belongs to, its version in that stream (1, 2, 3... with no gaps), its
/// position in the whole store (increasing, shared by every stream) and when it was appended.
/// </summary>
/// <param name="CommandId">The command that produced it, so a writer that lost an answer can tell its append already happened.</param>
public sealed record StoredEvent<TEvent>(string StreamId, long Version, long Position, TimeSpan Time, string CommandId, TEvent Data);

/// <summary>A stream's state, taken at <paramref name="Version"/>, with a checksum its reader verifies before trusting it.</summary>
public sealed record StreamSnapshot(string StreamId, long Version, object State, long Checksum);

/// <summary>A stream moved out of the hot store: what is left of it is this line.</summary>
public sealed record ArchivedStream(string StreamId, long Version, long LastPosition, TimeSpan ArchivedAt);

/// <summary>Why an append was not written.</summary>
public enum AppendOutcome
{
    Written,

    /// <summary>The stream is not at the version the writer expected: someone else wrote first.</summary>
    Conflict,

    /// <summary>The store holds its capacity and nothing can be archived yet; the writer tries again later.</summary>
    Full,

    /// <summary>The stream was archived; it takes no more events.</summary>
    Archived,
}

/// <summary>What an append did: on a conflict, <see cref="ActualVersion"/> is where the stream really is.</summary>
public sealed record AppendResult(AppendOutcome Outcome, long ExpectedVersion, long ActualVersion, long FirstPosition)
{
    public bool Written => Outcome == AppendOutcome.Written;
}

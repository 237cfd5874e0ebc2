using System.ComponentModel.DataAnnotations;

namespace PatternDashboard.Web.Sessions;

/// <summary>Limits and rates of the session host, bound from the "Sessions" section of appsettings.json and checked at start.</summary>
public sealed class SessionLimits : IValidatableObject
{
    public const string SectionName = "Sessions";

    /// <summary>Sessions one browser (or one hub connection) may hold open at once. Default 4.</summary>
    [Range(1, 100)]
    public int MaxSessionsPerOwner { get; set; } = 4;

    /// <summary>Sessions the whole server holds open at once. Default 200.</summary>
    [Range(1, 10_000)]
    public int MaxTotalSessions { get; set; } = 200;

    /// <summary>Minutes a session with no viewer and no input is kept before it is closed. Default 30.</summary>
    [Range(1, 7 * 24 * 60)]
    public int IdleEvictionMinutes { get; set; } = 30;

    /// <summary>Snapshots per second sent to each viewer at most. Default 15.</summary>
    [Range(10, 20)]
    public int SnapshotsPerSecond { get; set; } = 15;

    /// <summary>Entries kept in each session's event log. Default 5000.</summary>
    [Range(100, 100_000)]
    public int EventLogCapacity { get; set; } = 5_000;

    /// <summary>Longest recording (simulated minutes up to its last input) that an import replays. Default 60.</summary>
    [Range(1, 24 * 60)]
    public int MaxReplayMinutes { get; set; } = 60;

    /// <summary>
    /// Most events an import may run before its last input. The replay cannot stop part way, so this bounds the
    /// work a crafted recording can ask for. Default 10 million (a busy 9-node cluster makes about 7 million an hour).
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int MaxReplayEvents { get; set; } = 10_000_000;

    public TimeSpan IdleEviction => TimeSpan.FromMinutes(IdleEvictionMinutes);

    public TimeSpan PublishInterval => TimeSpan.FromSeconds(1.0 / SnapshotsPerSecond);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxSessionsPerOwner > MaxTotalSessions)
        {
            yield return new ValidationResult(
                $"MaxSessionsPerOwner ({MaxSessionsPerOwner}) cannot exceed MaxTotalSessions ({MaxTotalSessions}).",
                [nameof(MaxSessionsPerOwner), nameof(MaxTotalSessions)]);
        }
    }
}

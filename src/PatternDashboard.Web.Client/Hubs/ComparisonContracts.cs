using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Hubs;

// The shapes of a side-by-side comparison (camelCase on the wire), documented in docs/hub-api.md.

/// <summary>Which run of a comparison an input is aimed at: both (the default), the run without the difference, or the one with it.</summary>
public enum ComparisonSide
{
    Both,
    Without,
    With,
}

/// <summary>
/// The one thing the second run of a comparison differs in: a fault or "break it" switch given to it alone
/// (<see cref="FaultId"/>, with its target and value), or a pattern option (<see cref="Option"/> and
/// <see cref="OptionValue"/>). Give exactly one of the two.
/// </summary>
public sealed record CompareInput(string? FaultId = null, string? Target = null, double? Value = null, string? Option = null, double? OptionValue = null);

/// <summary>
/// A comparison as every viewer sees it: two runs of one pattern on one clock, the same seed and inputs, differing in
/// <see cref="Difference"/> from <see cref="Since"/> simulated seconds on.
/// </summary>
/// <param name="WithoutSessionId">The run as it was (for a comparison started from a run, that run itself).</param>
/// <param name="WithSessionId">The run with the difference.</param>
/// <param name="Difference">The difference in words, such as "Break it: any two votes win".</param>
public sealed record ComparisonInfo(string Id, string PatternId, string WithoutSessionId, string WithSessionId, string Difference, double Since);

/// <summary>What a fault given during a comparison became on each side (null where it was not aimed, or was instant).</summary>
public sealed record ComparisonFaults(ActiveFault? Without, ActiveFault? With);

/// <summary>Both runs of a comparison as one file: each run's own recording, and what differs.</summary>
public sealed record ComparisonRecording(int FormatVersion, string Kind, Recording Without, Recording With, string Difference, double Since)
{
    public const int CurrentFormatVersion = 1;

    /// <summary>The <see cref="Kind"/> that tells a comparison file from a single run's recording.</summary>
    public const string ComparisonKind = "comparison";
}

namespace PatternDashboard.Web.Tests.Classroom;

/// <summary>
/// Tests that replay many full runs. They run on their own, after the rest, so their CPU use does not slow the
/// component tests' waits on this small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyReplayCollection
{
    public const string Name = "Heavy replays";
}

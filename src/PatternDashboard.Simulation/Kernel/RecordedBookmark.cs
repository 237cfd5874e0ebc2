namespace PatternDashboard.Simulation.Kernel;

/// <summary>A named moment of a run, kept in its recording so an import or a shared link can jump to it again.</summary>
public sealed record RecordedBookmark(long TimeTicks, string Name)
{
    /// <summary>Bookmarks one run keeps; a long class session cannot grow them without end.</summary>
    public const int MaxPerRun = 100;

    public const int MaxNameLength = 60;

    public double TimeSeconds => TimeSpan.FromTicks(TimeTicks).TotalSeconds;

    /// <summary>The name trimmed, or a <see cref="SimulationInputException"/> saying what is wrong with it.</summary>
    public static string CheckName(string? name)
    {
        string trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new SimulationInputException("A bookmark needs a name.");
        }
        if (trimmed.Length > MaxNameLength)
        {
            throw new SimulationInputException($"A bookmark's name has at most {MaxNameLength} characters; this one has {trimmed.Length}.");
        }
        if (trimmed.Any(char.IsControl))
        {
            throw new SimulationInputException("A bookmark's name is one line of text.");
        }
        return trimmed;
    }
}

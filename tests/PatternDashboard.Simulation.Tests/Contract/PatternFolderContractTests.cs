namespace PatternDashboard.Simulation.Tests.Contract;

/// <summary>
/// One shape for every pattern: each registered pattern has its own folder under Patterns/, and every folder holds
/// the same file set (its node types and settings besides), so a newcomer learns it once and copies it.
/// </summary>
public sealed class PatternFolderContractTests
{
    private static readonly string[] FileSet = ["Pattern", "Cluster", "Faults", "Invariants", "Details"];

    private static readonly string PatternsFolder = Path.Combine(RepositoryRoot(), "src", "PatternDashboard.Simulation", "Patterns");

    [Fact]
    public void EveryPatternFolder_HasTheSameFileSet()
    {
        var missing = PatternFolders()
            .SelectMany(folder => FileSet.Select(part => Path.Combine(folder, $"{folder}{part}.cs")))
            .Where(file => !File.Exists(Path.Combine(PatternsFolder, file)))
            .ToList();

        Assert.True(missing.Count == 0, $"Missing from the pattern folders: {string.Join(", ", missing)}.");
    }

    [Fact]
    public void EveryRegisteredPattern_HasAFolderOfItsOwn_AndEveryFolderIsRegistered()
    {
        var registered = ContractRuns.Registry.All
            .Select(p => p.CreateSimulation(1).GetType().Namespace!.Split('.')[^1])
            .Order(StringComparer.Ordinal);

        Assert.Equal(PatternFolders().Order(StringComparer.Ordinal), registered);
    }

    // Shared holds mechanisms several patterns use (the broker, service calls); it is not a pattern.
    private static IEnumerable<string> PatternFolders() =>
        Directory.GetDirectories(PatternsFolder).Select(Path.GetFileName).OfType<string>().Where(name => name != "Shared");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PatternDashboard.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds PatternDashboard.sln.");
    }
}

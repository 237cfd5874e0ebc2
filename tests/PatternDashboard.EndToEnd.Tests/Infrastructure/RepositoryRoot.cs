namespace PatternDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>Locates the repository root: the nearest folder above the test binaries that holds PatternDashboard.sln.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "PatternDashboard.sln";

    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The absolute path of the repository root.</summary>
    public static string Path => Root.Value;

    /// <summary>An absolute path inside the repository, from parts relative to its root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} contains {SolutionFile}; run the tests from a clone of the repository.");
    }
}

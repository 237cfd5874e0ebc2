using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Classroom.Lessons;

/// <summary>
/// Every lesson file under the lessons folder (<c>lessons/&lt;pattern-id&gt;/*.json</c> at the repository root, beside
/// wwwroot and appsettings.json), read and checked once at start. A file with a problem is left out and its problem
/// kept, so the app says what is wrong instead of failing.
/// </summary>
public sealed class LessonLibrary
{
    public const string FolderName = "lessons";

    /// <summary>Files read at most; a folder with more is a mistake, not a course.</summary>
    public const int MaxFiles = 500;

    private readonly IReadOnlyList<Lesson> lessons;

    public LessonLibrary(IReadOnlyList<Lesson> lessons, IReadOnlyList<string> problems)
    {
        this.lessons = lessons;
        Problems = problems;
    }

    public IReadOnlyList<Lesson> All => lessons;

    /// <summary>One line per file left out: its name and what is wrong with it.</summary>
    public IReadOnlyList<string> Problems { get; }

    public IReadOnlyList<Lesson> ForPattern(string patternId) => [.. lessons.Where(l => l.PatternId == patternId)];

    public Lesson? Find(string id) => lessons.FirstOrDefault(l => l.Id == id);

    /// <summary>Reads every lesson in <paramref name="folder"/> (missing: no lessons), in a stable order.</summary>
    public static LessonLibrary Load(string? folder, PatternRegistry patterns, ILogger? logger = null)
    {
        var loader = new LessonLoader(patterns);
        var found = new List<Lesson>();
        var problems = new List<string>();
        if (folder is null || !Directory.Exists(folder))
        {
            return new LessonLibrary(found, problems);
        }
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(f => (Path: f, Id: IdOf(folder, f)))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .Take(MaxFiles);
        foreach (var (path, id) in files)
        {
            try
            {
                if (id.Count(c => c == '/') != 1)
                {
                    throw new SimulationInputException($"Lesson '{id}': a lesson file lies in lessons/<pattern-id>/, one folder deep.");
                }
                if (new FileInfo(path).Length > LessonLoader.MaxFileBytes)
                {
                    throw new SimulationInputException($"Lesson '{id}': the file is larger than {LessonLoader.MaxFileBytes / 1024} KB.");
                }
                found.Add(loader.Load(id, File.ReadAllText(path)));
            }
            catch (Exception e) when (e is SimulationInputException or IOException or UnauthorizedAccessException)
            {
                problems.Add(e.Message);
                logger?.LogWarning("Lesson file left out: {Problem}", e.Message);
            }
        }
        logger?.LogInformation("Read {Count} lessons from {Folder}.", found.Count, folder);
        return new LessonLibrary(found, problems);
    }

    /// <summary>The lessons folder: under the content root (the repository root when run), else beside the app's files.</summary>
    public static string? FindFolder(string contentRoot)
    {
        string[] candidates = [Path.Combine(contentRoot, FolderName), Path.Combine(AppContext.BaseDirectory, FolderName)];
        return candidates.FirstOrDefault(Directory.Exists);
    }

    private static string IdOf(string folder, string file) =>
        Path.ChangeExtension(Path.GetRelativePath(folder, file), null).Replace('\\', '/');
}

using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Web.Classroom.Lessons;

namespace PatternDashboard.Web.Tests.Classroom;

/// <summary>The lesson files the repository ships, as the build copies them beside the test binaries.</summary>
internal static class ShippedLessons
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, LessonLibrary.FolderName);

    public static LessonLibrary Library { get; } = LessonLibrary.Load(Folder, PatternCatalog.CreateRegistry());

    public static Lesson LosingTheLeader => Library.Find("leader-election/losing-the-leader")
        ?? throw new InvalidOperationException($"The Leader Election lesson is missing: {string.Join(" ", Library.Problems)}");
}

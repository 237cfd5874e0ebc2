namespace PatternDashboard.Web.Components;

/// <summary>Every address of the app's pages, built here and nowhere else.</summary>
public static class DashboardUrls
{
    /// <summary>Where the pattern pages live; a page's route is this plus its pattern's id (a constant, for <c>[Route]</c>).</summary>
    public const string PatternsBase = "/patterns/";

    public const string Home = "/";

    public const string Join = "/join";

    public const string Import = "/import";

    /// <summary>A pattern's page; a new private run opens running.</summary>
    public static string Pattern(string patternId) => PatternsBase + patternId;

    /// <summary>A pattern's page on an existing run (a reload, a reopened or forked run).</summary>
    public static string Session(string patternId, string sessionId) => $"{Pattern(patternId)}?session={Uri.EscapeDataString(sessionId)}";

    /// <summary>A pattern's page watching a room.</summary>
    public static string Room(string patternId, string roomCode) => $"{Pattern(patternId)}?room={Uri.EscapeDataString(roomCode)}";

    /// <summary>
    /// The room's secret instructor link, absolute. The key sits in the fragment (<c>#key=</c>), which browsers never
    /// send to the server, so it stays out of request logs.
    /// </summary>
    public static string InstructorLink(string baseUri, string patternId, string roomCode, string key) =>
        $"{baseUri.TrimEnd('/')}{Room(patternId, roomCode)}{InstructorKeyFragment}{Uri.EscapeDataString(key)}";

    /// <summary>The fragment that carries an instructor key.</summary>
    public const string InstructorKeyFragment = "#key=";

    /// <summary>The join page with a room's code filled in, absolute (for the QR code and the link students type).</summary>
    public static string JoinRoom(string baseUri, string roomCode) => $"{baseUri.TrimEnd('/')}{Join}/{Uri.EscapeDataString(roomCode)}";
}

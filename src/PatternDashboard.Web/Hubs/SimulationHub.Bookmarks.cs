using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Hubs;

public sealed partial class SimulationHub
{
    /// <summary>The run's bookmarks in time order, for anyone who may watch it.</summary>
    public IReadOnlyList<Bookmark> ListBookmarks(string sessionId) => FoundSession(sessionId).Bookmarks;

    /// <summary>Names a moment the run has reached (now, when no time is given); its controller only.</summary>
    public Task<Bookmark> AddBookmark(string sessionId, BookmarkInput? bookmark)
    {
        var session = ControlledSession(sessionId);
        if (bookmark is null)
        {
            throw new SimulationInputException("A bookmark needs a name, as in { name: \"Leader crashed\", time: 12.5 }; time is optional.");
        }
        return session.AddBookmarkAsync(HubInput.Text(bookmark.Name, "bookmark name"), bookmark.Time);
    }

    public Task RemoveBookmark(string sessionId, string bookmarkId) =>
        ControlledSession(sessionId).RemoveBookmarkAsync(HubInput.Text(bookmarkId, "bookmark id")!);
}

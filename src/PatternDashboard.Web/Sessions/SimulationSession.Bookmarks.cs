using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

// Bookmarks: named moments of the run, kept beside the simulation (they change nothing in it), exported with its
// recording and restored from one. A jump back keeps them all while it is only a look; once the run goes on from
// there as a branch, the bookmarks made before the jump that lie after it name moments that no longer exist.
public sealed partial class SimulationSession
{
    // Swapped whole under gate, read anywhere.
    private volatile IReadOnlyList<Entry> bookmarks = [];
    private int bookmarksVersion;
    private int bookmarksMade;
    private TravelMark? bookmarksPrunedFor;

    public IReadOnlyList<Bookmark> Bookmarks => [.. bookmarks.Select(e => e.Bookmark)];

    public async Task<Bookmark> AddBookmarkAsync(string? name, double? atSeconds = null)
    {
        string checkedName = RecordedBookmark.CheckName(name);
        if (atSeconds is { } requested && (!double.IsFinite(requested) || requested < 0))
        {
            throw new SimulationInputException($"A bookmark marks a simulated time of 0 s or more; got {requested} s.");
        }
        await EnterAsync().ConfigureAwait(false);
        try
        {
            PruneBranchedBookmarksLocked();
            // The published state can be a tick behind the simulation; either one is a moment the run has reached.
            double reach = Math.Max(Timeline.Reach, simulation.Clock.Now.TotalSeconds);
            double moment = atSeconds ?? simulation.Clock.Now.TotalSeconds;
            if (moment > reach + 1e-6)
            {
                throw new SimulationInputException($"A bookmark marks a moment the run has reached, 0 to {reach:0.###} s; {moment:0.###} s is ahead of it.");
            }
            // Rounded for the file, never past the run's end (rounding up could name a moment not reached yet).
            double at = Math.Min(Math.Round(moment, 6), reach);
            if (bookmarks.Count >= RecordedBookmark.MaxPerRun)
            {
                throw new SimulationInputException($"A run keeps at most {RecordedBookmark.MaxPerRun} bookmarks; remove one first.");
            }
            var entry = new Entry(new Bookmark($"b{++bookmarksMade}", at, checkedName), bookmarksMade);
            SetBookmarksLocked([.. bookmarks, entry]);
            PublishLocked();
            return entry.Bookmark;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task RemoveBookmarkAsync(string bookmarkId)
    {
        await EnterAsync().ConfigureAwait(false);
        try
        {
            if (!bookmarks.Any(e => e.Bookmark.Id == bookmarkId))
            {
                throw new SimulationInputException($"This run has no bookmark '{bookmarkId}'. Its bookmarks: {BookmarkIds()}.");
            }
            SetBookmarksLocked([.. bookmarks.Where(e => e.Bookmark.Id != bookmarkId)]);
            PublishLocked();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The bookmarks of an imported or copied run, up to <paramref name="until"/>; called before anyone watches.</summary>
    internal void RestoreBookmarks(IReadOnlyList<RecordedBookmark>? recorded, TimeSpan until)
    {
        gate.Wait();
        try
        {
            var kept = (recorded ?? []).Where(b => TimeSpan.FromTicks(b.TimeTicks) <= until).Take(RecordedBookmark.MaxPerRun)
                .Select(b => new Entry(new Bookmark($"b{++bookmarksMade}", b.TimeSeconds, RecordedBookmark.CheckName(b.Name)), bookmarksMade));
            SetBookmarksLocked([.. kept]);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The bookmarks as a recording keeps them, or null when there are none (the file then has no such field).</summary>
    private IReadOnlyList<RecordedBookmark>? RecordedBookmarksLocked()
    {
        PruneBranchedBookmarksLocked();
        return bookmarks.Count == 0 ? null : [.. bookmarks.Select(e => new RecordedBookmark(TimeSpan.FromSeconds(e.Bookmark.Time).Ticks, e.Bookmark.Name))];
    }

    /// <summary>A new run from time 0 (a reset, a lesson) has none of the old run's moments.</summary>
    private void ClearBookmarksLocked()
    {
        if (bookmarks.Count > 0)
        {
            SetBookmarksLocked([]);
        }
    }

    /// <summary>Once a jump became a branch, drops the older bookmarks after its start. Cheap when there is nothing to do.</summary>
    private void PruneBranchedBookmarksLocked()
    {
        if (travelMark is not { } mark || ReferenceEquals(mark, bookmarksPrunedFor) || mark.Generation != generation || PreviewMarkLocked() is not null)
        {
            return;
        }
        bookmarksPrunedFor = mark;
        double start = mark.Target.TotalSeconds;
        var kept = bookmarks.Where(e => e.Number > mark.BookmarksMade || e.Bookmark.Time <= start + 1e-9).ToArray();
        if (kept.Length != bookmarks.Count)
        {
            SetBookmarksLocked(kept);
        }
    }

    private void SetBookmarksLocked(IReadOnlyList<Entry> next)
    {
        bookmarks = [.. next.OrderBy(e => e.Bookmark.Time).ThenBy(e => e.Number)];
        Interlocked.Increment(ref bookmarksVersion);
    }

    private string BookmarkIds() => bookmarks.Count == 0 ? "none" : string.Join(", ", bookmarks.Select(e => e.Bookmark.Id));

    /// <param name="Number">The order it was made in, to tell bookmarks made before a jump from those made after.</param>
    private sealed record Entry(Bookmark Bookmark, int Number);
}

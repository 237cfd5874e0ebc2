using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.EventSourcing;

namespace PatternDashboard.Web.Components.Patterns.EventSourcing;

/// <summary>
/// Time travel along one stream: a slider picks an event, and the account and its statement row are rebuilt right
/// here by folding the stream's events up to it with the simulation's own rules, the same facts giving both. While
/// the slider is at the end it follows new events; moved back, it stays where it was put.
/// </summary>
public partial class StreamTimeline
{
    private string? account;

    /// <summary>The followed stream; null before the first account opens. Default: null.</summary>
    [Parameter] public FollowedStream? Stream { get; set; }

    /// <summary>The snapshot interval in events; 0 when snapshots are off. Default: 0.</summary>
    [Parameter] public int SnapshotEvery { get; set; }

    /// <summary>Wrong deposits and their corrections, to mark in the list. Default: none.</summary>
    [Parameter] public IReadOnlyList<BadEventView> BadEvents { get; set; } = [];

    /// <summary>The event the account is rebuilt at: 0 (before the first) to the stream's last version.</summary>
    public int Selected { get; private set; }

    /// <summary>True while the slider sits at the newest event and moves on with it.</summary>
    public bool FollowingLive { get; private set; } = true;

    private int Count => Stream?.Events.Count ?? 0;

    private IEnumerable<StreamEventView> UpToSelected => (Stream?.Events ?? []).Take(Selected);

    private AccountState Aggregate => Account.Replay(AccountState.Empty(Stream?.AccountId ?? ""), UpToSelected.Select(e => e.ToEvent()));

    private AccountState EndOfStream => Account.Replay(AccountState.Empty(Stream?.AccountId ?? ""), (Stream?.Events ?? []).Select(e => e.ToEvent()));

    /// <summary>The statement row, or null once the account is closed (the projection drops it) or before it opened.</summary>
    private AccountSummary? Projected
    {
        get
        {
            if (Selected == 0 || Aggregate.Status == AccountStatus.Closed)
            {
                return null;
            }
            var row = AccountSummary.Empty(Stream!.AccountId);
            foreach (var e in UpToSelected)
            {
                row = AccountSummaries.Fold(row, e.ToEvent(), TimeSpan.FromSeconds(e.Time));
            }
            return row;
        }
    }

    /// <summary>The snapshot a rebuild at the selected event starts from: the newest at or before it, 0 for none.</summary>
    private long SnapshotAt => SnapshotEvery == 0 ? 0 : (Stream?.SnapshotVersions ?? []).Where(v => v <= Selected).DefaultIfEmpty(0).Max();

    private bool ChangedInPlace => Stream is { } s && (s.ChangesWithoutEvents > 0 || s.Current.Balance != EndOfStream.Balance || s.Current.Status != EndOfStream.Status);

    protected override void OnParametersSet()
    {
        if (Stream?.AccountId != account)
        {
            account = Stream?.AccountId;
            FollowingLive = true;
        }
        Selected = FollowingLive ? Count : Math.Clamp(Selected, 0, Count);
    }

    private void OnSlide(ChangeEventArgs change)
    {
        if (int.TryParse(change.Value?.ToString(), out int value))
        {
            MoveTo(value);
        }
    }

    private void Back() => MoveTo(Selected - 1);

    private void Forward() => MoveTo(Selected + 1);

    private void FollowLive() => MoveTo(Count);

    private void MoveTo(int version)
    {
        Selected = Math.Clamp(version, 0, Count);
        FollowingLive = Selected == Count;
    }

    private string RowClass(StreamEventView e) =>
        (e.Version > Selected ? "later " : "") + (e.Version == Selected ? "selected " : "") + (IsBad(e) ? "bad" : e.Type == AccountEventType.Corrected ? "correction" : "");

    private bool IsBad(StreamEventView e) => BadEvents.Any(b => b.AccountId == Stream?.AccountId && b.Version == e.Version);

    /// <summary>Words beside the event type: a snapshot taken here, a bad event, a correction, where the slider is.</summary>
    private string Badges(StreamEventView e)
    {
        var words = new List<string>();
        if (e.Version == Selected)
        {
            words.Add("rebuilt here");
        }
        if (Stream!.SnapshotVersions.Contains(e.Version))
        {
            words.Add("snapshot");
        }
        if (IsBad(e))
        {
            words.Add("bad event");
        }
        if (e.Corrects > 0)
        {
            words.Add($"corrects v{e.Corrects}");
        }
        return words.Count == 0 ? "" : $" ({string.Join(", ", words)})";
    }
}

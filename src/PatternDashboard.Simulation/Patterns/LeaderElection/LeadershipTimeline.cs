namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>Who led in which term and for how long, and how much time passed with no live leader.</summary>
public sealed class LeadershipTimeline
{
    /// <summary>Reigns kept; older ones are dropped so a long session stays small.</summary>
    public const int MaxReigns = 100;

    private readonly List<Reign> reigns = [];
    private TimeSpan withoutLeader;
    private TimeSpan observedAt;
    private bool hadLeader;

    /// <summary>A node won <paramref name="term"/>. Open reigns of earlier terms end here: they have been superseded.</summary>
    public void Began(long term, string leaderId, TimeSpan now)
    {
        foreach (var reign in reigns)
        {
            if (reign.End is null && reign.Term < term)
            {
                reign.End = now;
            }
        }
        reigns.Add(new Reign(term, leaderId, now));
        if (reigns.Count > MaxReigns)
        {
            reigns.RemoveAt(0);
        }
    }

    /// <summary>The leader of <paramref name="term"/> stepped down or crashed; a reign already superseded stays as it was.</summary>
    public void Ended(long term, string leaderId, TimeSpan now)
    {
        var reign = reigns.FindLast(r => r.End is null && r.Term == term && r.LeaderId == leaderId);
        if (reign is not null)
        {
            reign.End = now;
        }
    }

    /// <summary>Notes whether a live leader exists now; the time since the previous note counts as leaderless if none did then.</summary>
    public void Observe(TimeSpan now, bool hasLeader)
    {
        if (!hadLeader)
        {
            withoutLeader += now - observedAt;
        }
        observedAt = now;
        hadLeader = hasLeader;
    }

    public TimeSpan TimeWithoutLeader(TimeSpan now) => withoutLeader + (hadLeader ? TimeSpan.Zero : now - observedAt);

    public IReadOnlyList<LeadershipSpan> Spans() =>
        reigns.ConvertAll(r => new LeadershipSpan(r.Term, r.LeaderId, r.Start.TotalSeconds, r.End?.TotalSeconds));

    private sealed class Reign(long term, string leaderId, TimeSpan start)
    {
        public long Term { get; } = term;

        public string LeaderId { get; } = leaderId;

        public TimeSpan Start { get; } = start;

        public TimeSpan? End { get; set; }
    }
}

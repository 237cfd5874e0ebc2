using PatternDashboard.Simulation.Patterns.Shared.Queueing;

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>
/// One row of the facade's routing table: where the feature stands and what happened to its traffic. Counters are
/// running totals; the live shares come from rolling windows sampled every 250 ms, so memory stays fixed.
/// </summary>
public sealed class FeatureRoute(string feature)
{
    private const int LiveSamples = 8; // 2 s
    private const int ShadowSamples = 40; // 10 s: mismatches, and a small canary's calls, are rarer than requests

    private readonly RollingCounter requests = new(LiveSamples), legacy = new(LiveSamples), fresh = new(LiveSamples),
        failed = new(LiveSamples), newCalls = new(ShadowSamples), newFailures = new(ShadowSamples),
        compared = new(ShadowSamples), mismatched = new(ShadowSamples), naive = new(ShadowSamples), shadowCalls = new(ShadowSamples), shadowErrors = new(ShadowSamples);

    public string Feature { get; } = feature;

    public RouteStage Stage { get; private set; }

    /// <summary>Customers (in percent, by their id) the new service serves while in canary.</summary>
    public int CanaryPercent { get; private set; }

    public TimeSpan StageSince { get; private set; }

    /// <summary>True while a rollback fault holds the feature on the monolith.</summary>
    public bool Held { get; set; }

    /// <summary>When the feature last went back to the monolith; answers to requests routed after it must be legacy's.</summary>
    public TimeSpan? RolledBackAt { get; private set; }

    public string? LastRollback { get; private set; }

    public int Rollbacks { get; private set; }

    public ShadowJudge Judge { get; } = new();

    // Running totals, counted where they happen.
    public long Requests { get; set; }
    public long ByLegacy { get; set; }
    public long ByNew { get; set; }
    public long Failed { get; set; }
    public long NewCalls { get; set; }
    public long NewFailures { get; set; }
    public long ShadowCalls { get; set; }
    public long ShadowErrors { get; set; }

    /// <summary>What customers saw: answered well, or an error or nothing in time. The "one feature down" judge reads these.</summary>
    public long CustomerOk { get; set; }
    public long CustomerFailed { get; set; }

    private readonly RollingCounter customerOk = new(LiveSamples), customerFailed = new(LiveSamples);

    // Live values, refreshed by Sample.
    public double PerSecond { get; private set; }
    public double LegacyShare { get; private set; }
    public double NewShare { get; private set; }
    public double FailedShare { get; private set; }
    public double NewFailureShare { get; private set; }
    public double NewCallsInWindow { get; private set; }
    public double MismatchShare { get; private set; }
    public double NaiveMismatchShare { get; private set; }
    public double ComparedInWindow { get; private set; }
    public double ShadowErrorShare { get; private set; }
    public double CustomerFailedShare { get; private set; }
    public double CustomerAnswersInWindow { get; private set; }

    public void Sample(TimeSpan window)
    {
        double r = requests.Add(Requests), l = legacy.Add(ByLegacy), n = fresh.Add(ByNew), f = failed.Add(Failed);
        PerSecond = Math.Round(r / window.TotalSeconds, 1);
        LegacyShare = Share(l, l + n);
        NewShare = Share(n, l + n);
        FailedShare = Share(f, r);
        NewCallsInWindow = newCalls.Add(NewCalls);
        NewFailureShare = Share(newFailures.Add(NewFailures), NewCallsInWindow);
        ComparedInWindow = compared.Add(Judge.Compared);
        MismatchShare = Share(mismatched.Add(Judge.RealMismatches), ComparedInWindow);
        NaiveMismatchShare = Share(naive.Add(Judge.NaiveMismatches), ComparedInWindow);
        ShadowErrorShare = Share(shadowErrors.Add(ShadowErrors), shadowCalls.Add(ShadowCalls));
        double ok = customerOk.Add(CustomerOk), bad = customerFailed.Add(CustomerFailed);
        CustomerAnswersInWindow = ok + bad;
        CustomerFailedShare = Share(bad, ok + bad);
    }

    /// <summary>Moves the row; leaving the monolith clears the windows that judged the stage before.</summary>
    public void MoveTo(RouteStage stage, int canaryPercent, TimeSpan now)
    {
        Stage = stage;
        CanaryPercent = stage == RouteStage.Canary ? canaryPercent : stage is RouteStage.New or RouteStage.Retired ? 100 : 0;
        StageSince = now;
        newCalls.Clear();
        newFailures.Clear();
        NewCallsInWindow = 0;
        NewFailureShare = 0;
    }

    public void RollBack(TimeSpan now, string reason)
    {
        MoveTo(RouteStage.Legacy, 0, now);
        RolledBackAt = now;
        LastRollback = reason;
        Rollbacks++;
    }

    /// <summary>Whether the new service serves this customer: all of them from New on, a stable share by id in canary.</summary>
    public bool ServesNew(int customer) => Stage switch
    {
        RouteStage.New or RouteStage.Retired => true,
        RouteStage.Canary => Bucket(customer) < CanaryPercent,
        _ => false,
    };

    // A fixed spread of customer ids over 0..99, so a customer in the canary stays in it.
    public static int Bucket(int customer) => (int)((uint)customer * 2654435761u % 100);

    private static double Share(double part, double whole) => whole <= 0 ? 0 : Math.Round(part / whole, 4);
}

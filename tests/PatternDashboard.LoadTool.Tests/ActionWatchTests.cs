using PatternDashboard.LoadTool;

namespace PatternDashboard.LoadTool.Tests;

public sealed class ActionWatchTests
{
    private static readonly InstructorAction Crash = new(0, "n5", TargetUpAfter: false, SentAtMs: 1_000);
    private static readonly InstructorAction Restart = new(1, "n5", TargetUpAfter: true, SentAtMs: 2_000);

    [Fact]
    public void Observe_FirstUpdateShowingTheCrash_GivesItsDelayOnce()
    {
        var watch = new ActionWatch();

        Assert.Null(watch.Observe(Crash, targetUp: true, publishedAtMs: 1_010, receivedAtMs: 1_020));
        Assert.Equal(140, watch.Observe(Crash, targetUp: false, publishedAtMs: 1_110, receivedAtMs: 1_140));
        Assert.Null(watch.Observe(Crash, targetUp: false, publishedAtMs: 1_210, receivedAtMs: 1_240));
    }

    [Fact]
    public void Observe_LateUpdatePublishedBeforeTheAction_IsNotCounted()
    {
        var watch = new ActionWatch();
        watch.Observe(Crash, targetUp: false, publishedAtMs: 1_100, receivedAtMs: 1_150);

        // Shows the node up, but was published before the restart was sent: it cannot show the restart.
        Assert.Null(watch.Observe(Restart, targetUp: true, publishedAtMs: 900, receivedAtMs: 2_050));
        Assert.Equal(95, watch.Observe(Restart, targetUp: true, publishedAtMs: 2_080, receivedAtMs: 2_095));
    }

    [Fact]
    public void Observe_NoActionOrNoTargetNode_RecordsNothing()
    {
        var watch = new ActionWatch();

        Assert.Null(watch.Observe(null, targetUp: false, publishedAtMs: 5_000, receivedAtMs: 5_010));
        Assert.Null(watch.Observe(Crash, targetUp: null, publishedAtMs: 5_000, receivedAtMs: 5_010));
    }
}

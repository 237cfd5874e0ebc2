using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.ClientServer;
using PatternDashboard.Simulation.Patterns.Shared.Queueing;
using PatternDashboard.Simulation.Tests.Contract;
using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;
using static PatternDashboard.Simulation.Tests.Patterns.ClientServer.ClientServerTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.ClientServer;

/// <summary>What is the pattern's own beyond the theory: one answer per request, the retry collapse, the outage, pinned clients, closed loops.</summary>
public sealed class ClientServerBehaviourTests
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(seed => new object[] { (long)seed });

    [Theory]
    [MemberData(nameof(Seeds), 30)]
    public void CrashesPausesAndRetries_EveryAcceptedRequestGetsExactlyOneAnswer(long seed)
    {
        var cluster = Create(seed, new() { [Option.ArrivalsPerSecond] = 9, [Option.QueueLimit] = 50 });
        var script = new SeededRandom(seed).Derive("test-script");
        Inject(cluster, Fault.TimeoutAndRetry, value: 500);
        for (int i = 0; i < 20; i++)
        {
            cluster.RunFor(TimeSpan.FromMilliseconds(script.Next(200, 3000)));
            var server = cluster.Servers[script.Next(2)];
            string action = server.Lifecycle switch
            {
                NodeLifecycle.Crashed => LifecycleFaults.Restart,
                NodeLifecycle.Paused => LifecycleFaults.Resume,
                _ => script.Chance(0.5) ? LifecycleFaults.Crash : LifecycleFaults.Pause,
            };
            Inject(cluster, action, server.Id);
            if (i == 10)
            {
                Inject(cluster, Fault.SecondServer);
            }
        }
        cluster.RunFor(TimeSpan.FromSeconds(5));

        foreach (var server in cluster.Servers)
        {
            var ledger = server.Ledger;
            Assert.True(ledger.StrayAnswers == 0, $"Seed {seed}: {server.Id} answered {ledger.StrayAnswers} request(s) twice or unasked.");
            Assert.True(ledger.Accepted == ledger.Answered + server.InSystem,
                $"Seed {seed}: {server.Id} accepted {ledger.Accepted}, answered {ledger.Answered}, holds {server.InSystem}.");
            Assert.True(server.Resets > 0 || server.ServedCount > 0, $"Seed {seed}: {server.Id} did nothing.");
        }
        Assert.True(Invariant(cluster, ExactlyOneAnswerMonitor.MonitorId).Violations == 0, $"Seed {seed}: {Invariant(cluster, ExactlyOneAnswerMonitor.MonitorId).LastViolation}");
    }

    [Fact]
    public void AnswerLedger_SecondAnswerToOneRequest_IsCountedAndTheMonitorTurnsRed()
    {
        var ledger = new AnswerLedger();
        ledger.Accept(7);
        ledger.Answer(7);
        ledger.Answer(7);

        Assert.Equal(1, ledger.StrayAnswers);
        Assert.Equal(7, ledger.LastStray);
        Assert.Equal(0, ledger.Open);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RetriesNearFullLoad_CollapseStaysAfterTheBurstEnds_AndEndsWhenRetriesStop(long seed)
    {
        var cluster = Create(seed); // 5 requests/s against 10/s: half loaded
        Inject(cluster, Fault.TimeoutAndRetry, value: 1000);
        double before = GoodputOver(cluster, TimeSpan.FromSeconds(60));
        var burst = Inject(cluster, Fault.AddLoad, value: 7)!;
        cluster.RunFor(TimeSpan.FromSeconds(30));
        cluster.ClearFault(burst.Id);
        cluster.RunFor(TimeSpan.FromSeconds(60)); // the load is back where it was
        double after = GoodputOver(cluster, TimeSpan.FromSeconds(60));
        int queueAfter = cluster.Server.Queued;

        Assert.True(before > 4.5, $"Seed {seed}: before the burst only {before:0.00} answers/s in time.");
        Assert.True(after < 1, $"Seed {seed}: two minutes after the burst the clients got {after:0.00} answers/s in time; no collapse.");
        Assert.True(queueAfter > 100, $"Seed {seed}: the queue held only {queueAfter} requests after the burst.");

        ContractRuns.ClearAll(cluster);
        cluster.RunFor(TimeSpan.FromSeconds(120));
        Assert.True(GoodputOver(cluster, TimeSpan.FromSeconds(30)) > 4, $"Seed {seed}: without retries the server did not recover.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SameBurstWithoutRetries_QueueDrainsAndClientsAreServedAgain(long seed)
    {
        var cluster = Create(seed);
        var burst = Inject(cluster, Fault.AddLoad, value: 7)!;
        cluster.RunFor(TimeSpan.FromSeconds(30));
        cluster.ClearFault(burst.Id);
        cluster.RunFor(TimeSpan.FromSeconds(60));

        Assert.True(cluster.Server.Queued < 20, $"Seed {seed}: {cluster.Server.Queued} still queued a minute after the burst.");
        Assert.True(GoodputOver(cluster, TimeSpan.FromSeconds(60)) > 4.5, $"Seed {seed}: the clients were not served again.");
    }

    [Fact]
    public void ServerCrash_EveryClientFails_RestartRecovers()
    {
        var cluster = Create(1, new() { [Option.TimeoutMs] = 1000 });
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Inject(cluster, LifecycleFaults.Crash, ServerId);

        Assert.Equal(0, GoodputOver(cluster, TimeSpan.FromSeconds(20)));
        Assert.True(cluster.Tally.TimedOut > 50, $"Only {cluster.Tally.TimedOut} requests timed out during the outage.");

        Inject(cluster, LifecycleFaults.Restart, ServerId);
        Assert.True(GoodputOver(cluster, TimeSpan.FromSeconds(20)) > 4);
    }

    [Fact]
    public void SecondServerWithoutBalancer_FirstCrashes_PinnedClientsKeepFailingWhileTheOtherIsIdle()
    {
        var cluster = Create(1, new() { [Option.TimeoutMs] = 1000 });
        Inject(cluster, Fault.SecondServer);
        cluster.RunFor(TimeSpan.FromSeconds(10));
        Inject(cluster, LifecycleFaults.Crash, ServerId);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        long timedOutBefore = cluster.Tally.TimedOut;

        double goodput = GoodputOver(cluster, TimeSpan.FromSeconds(60));
        double failing = (cluster.Tally.TimedOut - timedOutBefore) / 60.0;

        Assert.InRange(goodput, 2, 3.2); // the even clients, half the load, still get answers
        Assert.InRange(failing, 2, 3.2); // the odd ones time out, one after another
        Assert.True(cluster.Details().Servers.Single(s => s.Id == SecondServerId).Utilization < 0.3, "Server 2 was not left mostly idle.");
        Assert.False(Invariant(cluster, NoStrandedClientsMonitor.MonitorId).Holds);
    }

    [Fact]
    public void ClosedLoop_OverloadedServer_LatencyStaysBoundedByTheClients_OpenLoopQueueGrows()
    {
        var overload = new Dictionary<string, double> { [Option.ArrivalsPerSecond] = 30, [Option.TimeoutMs] = 600_000, [Option.QueueLimit] = 100_000 };
        var closed = Create(1, new(overload) { [Option.ClosedLoop] = 1 });
        var open = Create(1, overload);

        var closedDetails = Measure(closed, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(120));
        var openDetails = Measure(open, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(120));

        // Eight clients that each wait for their answer hold at most eight requests: about 8 / 10 s each.
        Assert.True(closedDetails.InSystem <= 8, $"Closed loop held {closedDetails.InSystem}.");
        Assert.InRange(closedDetails.Latency.MeanMs, 400, 900);
        Assert.True(openDetails.QueueLength > 2000, $"Open loop at three times capacity queued only {openDetails.QueueLength}.");
        Assert.True(openDetails.Latency.MeanMs > 50 * closedDetails.Latency.MeanMs / 10, $"Open loop mean {openDetails.Latency.MeanMs} ms.");
    }

    [Fact]
    public void SetLoad_BadValue_RefusedAndNothingChanges()
    {
        var cluster = Create(1);
        var before = cluster.Settings;

        var refused = Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.SetLoad, value: -1));

        Assert.Contains("load", refused.Message);
        Assert.Equal(before, cluster.Settings);
        Assert.Empty(cluster.Inputs);
    }
}

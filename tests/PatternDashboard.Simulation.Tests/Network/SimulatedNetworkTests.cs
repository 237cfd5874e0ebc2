using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Network;

public class SimulatedNetworkTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private readonly TestSimulation simulation = TestSimulation.Quiet();

    private SimulatedNetwork Network => simulation.Network;

    /// <summary>Sends pings, which the receiver answers with pongs.</summary>
    private void SendPings(int count, string from = "a", string to = "b") => Send(count, i => new Ping(i), from, to);

    /// <summary>Sends pongs, which nobody answers, so the network stats count only these.</summary>
    private void SendPongs(int count, string from = "a", string to = "b") => Send(count, i => new Pong(i), from, to);

    private void Send(int count, Func<int, IMessage> message, string from, string to)
    {
        var sender = (PingPongNode)simulation.Node(from);
        for (int i = 1; i <= count; i++)
        {
            sender.SendTo(to, message(i));
        }
    }

    private static List<int> PingsReceivedBy(PingPongNode node) => Received(node, "ping");

    private static List<int> Received(PingPongNode node, string kind) =>
        [.. node.HandledWhat.Where(w => w.StartsWith(kind + " ")).Select(w => int.Parse(w.Split(' ')[1]))];

    [Fact]
    public void Send_FixedDelay_ArrivesExactlyAfterTheDelay()
    {
        Network.Conditions = new LinkConditions(Ms(50), TimeSpan.Zero);
        SendPings(1);

        simulation.RunUntil(Ms(49));
        Assert.Empty(simulation.B.Handled);
        simulation.RunUntil(Ms(50));

        Assert.Equal([(Ms(50), "ping 1 from a")], simulation.B.Handled);
        simulation.RunUntil(Ms(100));
        Assert.Equal([(Ms(100), "pong 1 from b")], simulation.A.Handled);
    }

    [Fact]
    public void Send_WithJitter_NeverArrivesBeforeTheBaseDelay()
    {
        Network.Conditions = new LinkConditions(Ms(20), Ms(10));
        SendPings(200);

        simulation.RunFor(TimeSpan.FromSeconds(5));

        Assert.Equal(200, simulation.B.Handled.Count);
        Assert.All(simulation.B.Handled, h => Assert.True(h.Time >= Ms(20)));
        Assert.True(simulation.B.Handled.Select(h => h.Time).Distinct().Count() > 100, "jitter should spread arrival times");
    }

    [Fact]
    public void Send_LossRateOne_DropsEverythingAndCountsItLost()
    {
        Network.Conditions = Network.Conditions with { LossRate = 1 };
        SendPongs(50);

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.Empty(simulation.B.Handled);
        Assert.Equal(new NetworkStats(Sent: 50, Delivered: 0, Lost: 50, Blocked: 0, Duplicated: 0, ToDownNode: 0), Network.Stats);
    }

    [Fact]
    public void Send_LossRateHalf_DropsRoughlyHalf()
    {
        Network.Conditions = Network.Conditions with { LossRate = 0.5 };
        SendPongs(1_000);

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.InRange(Network.Stats.Lost, 400, 600);
        Assert.Equal(1_000 - Network.Stats.Lost, simulation.B.Handled.Count);
    }

    [Fact]
    public void Send_DuplicateRateOne_DeliversEveryMessageTwice()
    {
        Network.Conditions = Network.Conditions with { DuplicateRate = 1 };
        SendPongs(3);

        simulation.RunFor(TimeSpan.FromMilliseconds(15));

        Assert.Equal([1, 1, 2, 2, 3, 3], Received(simulation.B, "pong"));
        Assert.Equal(3, Network.Stats.Duplicated);
        Assert.Equal(6, Network.Stats.Delivered);
    }

    [Fact]
    public void Send_ReorderRate_LetsLaterMessagesOvertakeEarlierOnes()
    {
        Network.Conditions = Network.Conditions with { ReorderRate = 0.3 };
        for (int i = 1; i <= 100; i++)
        {
            simulation.A.SendTo("b", new Ping(i));
            simulation.RunFor(Ms(1));
        }

        simulation.RunFor(TimeSpan.FromSeconds(1));

        var received = PingsReceivedBy(simulation.B);
        Assert.Equal(Enumerable.Range(1, 100), received.Order());
        Assert.NotEqual(Enumerable.Range(1, 100), received);
    }

    [Fact]
    public void Send_ReorderRateWithSameSeed_ReordersTheSameWay()
    {
        List<int> Run(long seed)
        {
            var sim = TestSimulation.Quiet(seed);
            sim.Network.Conditions = sim.Network.Conditions with { ReorderRate = 0.3 };
            for (int i = 1; i <= 50; i++)
            {
                sim.A.SendTo("b", new Ping(i));
                sim.RunFor(Ms(1));
            }
            sim.RunFor(TimeSpan.FromSeconds(1));
            return PingsReceivedBy(sim.B);
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Send_NoReordering_KeepsSendingOrder()
    {
        Network.Conditions = new LinkConditions(Ms(10), Ms(5));
        for (int i = 1; i <= 100; i++)
        {
            simulation.A.SendTo("b", new Ping(i));
            simulation.RunFor(Ms(20));
        }

        simulation.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(Enumerable.Range(1, 100), PingsReceivedBy(simulation.B));
    }

    [Fact]
    public void SetLinkConditions_OneLink_AppliesToThatDirectionOnlyUntilRemoved()
    {
        Network.SetLinkConditions("a", "b", Network.Conditions with { LossRate = 1 });

        SendPings(5, "a", "b");
        SendPings(5, "b", "a");
        SendPings(5, "a", "c");
        simulation.RunFor(Ms(15));

        Assert.Empty(PingsReceivedBy(simulation.B));
        Assert.Equal(5, PingsReceivedBy(simulation.A).Count);
        Assert.Equal(5, PingsReceivedBy(simulation.C).Count);

        Network.SetLinkConditions("a", "b", null);
        SendPings(5, "a", "b");
        simulation.RunFor(Ms(15));
        Assert.Equal(5, PingsReceivedBy(simulation.B).Count);
    }

    [Fact]
    public void Send_ToUnknownNode_CountsItAsToADownNode()
    {
        simulation.A.SendTo("nobody", new Ping(1));

        simulation.RunFor(Ms(20));

        Assert.Equal(1, Network.Stats.ToDownNode);
        Assert.Equal(0, Network.Stats.Delivered);
    }

    [Fact]
    public void InFlight_WhileTravelling_ListsTheMessageWithItsTimesAndProgress()
    {
        Network.Conditions = new LinkConditions(Ms(100), TimeSpan.Zero);
        simulation.RunUntil(Ms(1_000));
        SendPings(1);

        simulation.RunUntil(Ms(1_025));

        var message = Assert.Single(Network.InFlight());
        Assert.Equal(("a", "b", "ping", Ms(1_000), Ms(1_100)), (message.From, message.To, message.Kind, message.SentAt, message.DeliverAt));
        var view = Assert.Single(simulation.CreateSnapshot().Messages);
        Assert.Equal(0.25, view.Progress, precision: 9);

        simulation.RunUntil(Ms(1_100));
        Assert.DoesNotContain(Network.InFlight(), m => m.Id == message.Id);
    }

    [Fact]
    public void InFlight_ManyMessages_TracksAtMostTheLimitButDeliversAll()
    {
        SendPings(SimulatedNetwork.MaxTrackedInFlight + 100);

        Assert.Equal(SimulatedNetwork.MaxTrackedInFlight, Network.InFlight().Count);
        Assert.Equal(Network.InFlight().Select(m => m.Id).Order(), Network.InFlight().Select(m => m.Id));
        simulation.RunFor(Ms(10));
        Assert.Equal(SimulatedNetwork.MaxTrackedInFlight + 100, simulation.B.Handled.Count);

        simulation.RunFor(Ms(10));
        Assert.Empty(Network.InFlight());
    }
}

using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Network;

public class PartitionTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private readonly TestSimulation simulation = TestSimulation.Quiet();

    private SimulatedNetwork Network => simulation.Network;

    private (int AtB, int AtA) Exchange()
    {
        int atB = simulation.B.Handled.Count, atA = simulation.A.Handled.Count;
        // Pongs, because nobody answers them: each side receives exactly what got through.
        simulation.A.SendTo("b", new Pong(1));
        simulation.B.SendTo("a", new Pong(2));
        simulation.RunFor(Ms(20));
        return (simulation.B.Handled.Count - atB, simulation.A.Handled.Count - atA);
    }

    [Fact]
    public void Block_OneDirection_StopsOnlyThatDirection()
    {
        Network.Block("a", "b");

        Assert.Equal((0, 1), Exchange());
        Assert.True(Network.IsBlocked("a", "b"));
        Assert.False(Network.IsBlocked("b", "a"));
        Assert.Equal(1, Network.Stats.Blocked);
    }

    [Fact]
    public void Block_Twice_NeedsTwoUnblocks()
    {
        Network.Block("a", "b");
        Network.Block("a", "b");

        Network.Unblock("a", "b");
        Assert.True(Network.IsBlocked("a", "b"));
        Assert.Equal((0, 1), Exchange());

        Network.Unblock("a", "b");
        Assert.False(Network.IsBlocked("a", "b"));
        Assert.Equal((1, 1), Exchange());
    }

    [Fact]
    public void Unblock_LinkNotBlocked_IsHarmless()
    {
        Network.Unblock("a", "b");
        Network.Block("a", "b");

        Assert.True(Network.IsBlocked("a", "b"));
    }

    [Fact]
    public void Block_WhileMessageInFlight_DropsTheMessage()
    {
        Network.Conditions = new LinkConditions(Ms(50), TimeSpan.Zero);
        simulation.A.SendTo("b", new Ping(1));
        simulation.RunUntil(Ms(20));

        Network.Block("a", "b");
        simulation.RunUntil(Ms(200));

        Assert.Empty(simulation.B.Handled);
        Assert.Equal(1, Network.Stats.Blocked);
        Assert.Equal(0, Network.Stats.Delivered);
        Assert.Empty(Network.InFlight());
    }

    [Fact]
    public void Unblock_BeforeInFlightMessageArrives_MessageIsDelivered()
    {
        Network.Conditions = new LinkConditions(Ms(50), TimeSpan.Zero);
        simulation.A.SendTo("b", new Ping(1));
        simulation.RunUntil(Ms(20));

        Network.Block("a", "b");
        Network.Unblock("a", "b");
        simulation.RunUntil(Ms(50));

        Assert.Equal([(Ms(50), "ping 1 from a")], simulation.B.Handled);
    }

    [Fact]
    public void CreateSnapshot_BlockedLinks_DescribesThemUpDownOrOneWay()
    {
        Network.Block("a", "b");
        Network.Block("b", "a");
        Network.Block("c", "a");

        var links = simulation.CreateSnapshot().Links;

        Assert.Contains(links, l => (l.From, l.To, l.State) == ("a", "b", "down"));
        Assert.Contains(links, l => (l.From, l.To, l.State) == ("a", "c", "one-way"));
        Assert.Contains(links, l => (l.From, l.To, l.State) == ("b", "c", "up"));
    }
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Tests.TestSupport;

namespace PatternDashboard.Simulation.Tests.Kernel;

public class PatternOptionsTests
{
    private static readonly IReadOnlyList<OptionDefinition> Definitions =
    [
        new("nodeCount", "Nodes", "How many nodes.", 3, 9, 5, "nodes", IsInteger: true),
        new("delayMs", "Delay", "One-way delay.", 0, 1000, 10, "ms"),
        new("ratio", "Ratio", "A share.", 0, 1, 0.5),
    ];

    private static IReadOnlyDictionary<string, double> Resolve(params (string Name, double Value)[] given) =>
        PatternOptions.Resolve(Definitions, given.ToDictionary(g => g.Name, g => g.Value));

    private static string Refused(params (string Name, double Value)[] given) =>
        Assert.Throws<SimulationInputException>(() => Resolve(given)).Message;

    [Fact]
    public void Resolve_NothingGiven_FillsEveryDefault()
    {
        var resolved = PatternOptions.Resolve(Definitions, null);

        Assert.Equal(new Dictionary<string, double> { ["delayMs"] = 10, ["nodeCount"] = 5, ["ratio"] = 0.5 }, resolved);
    }

    [Fact]
    public void Resolve_SomeGiven_OverridesThoseAndKeepsOtherDefaults()
    {
        var resolved = Resolve(("nodeCount", 7), ("DELAYMS", 250));

        Assert.Equal(new Dictionary<string, double> { ["delayMs"] = 250, ["nodeCount"] = 7, ["ratio"] = 0.5 }, resolved);
    }

    [Fact]
    public void Resolve_Bounds_AreAccepted()
    {
        Assert.Equal(3, Resolve(("nodeCount", 3))["nodeCount"]);
        Assert.Equal(9, Resolve(("nodeCount", 9))["nodeCount"]);
        Assert.Equal(0, Resolve(("ratio", 0))["ratio"]);
    }

    [Fact]
    public void Resolve_UnknownName_IsRefusedNamingTheKnownOptions()
    {
        Assert.Equal("Unknown option 'shards'. Known options: nodeCount, delayMs, ratio.", Refused(("shards", 2)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Resolve_OutOfRange_IsRefusedNamingTheRangeAndUnit(double value)
    {
        Assert.Equal($"Option 'nodeCount' must be between 3 and 9 nodes; got {value}.", Refused(("nodeCount", value)));
    }

    [Fact]
    public void Resolve_OutOfRangeWithoutUnit_HasNoTrailingUnit()
    {
        Assert.Equal("Option 'ratio' must be between 0 and 1; got 2.", Refused(("ratio", 2)));
    }

    [Fact]
    public void Resolve_FractionForIntegerOption_IsRefused()
    {
        Assert.Equal("Option 'nodeCount' must be a whole number; got 4.5.", Refused(("nodeCount", 4.5)));
    }

    [Fact]
    public void Resolve_FractionForNonIntegerOption_IsAccepted()
    {
        Assert.Equal(12.5, Resolve(("delayMs", 12.5))["delayMs"]);
    }

    [Fact]
    public void CreateSimulation_GivenOptions_ResolvesThemBeforeBuilding()
    {
        var simulation = TestSimulation.Descriptor.CreateSimulation(1, new Dictionary<string, double> { ["nodeCount"] = 5 });

        Assert.Equal(5, simulation.Nodes.Count);
        Assert.Equal(100, simulation.Options["pingIntervalMs"]);
        Assert.Throws<SimulationInputException>(() => TestSimulation.Descriptor.CreateSimulation(1, new Dictionary<string, double> { ["nodeCount"] = 1 }));
    }
}

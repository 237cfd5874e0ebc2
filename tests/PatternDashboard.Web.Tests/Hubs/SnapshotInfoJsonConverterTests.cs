using System.Text.Json;
using System.Text.Json.Serialization;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The once-per-state JSON must be byte for byte what the hub wrote before it.</summary>
public sealed class SnapshotInfoJsonConverterTests
{
    private static JsonSerializerOptions HubOptions(bool shared)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        if (shared)
        {
            options.Converters.Add(new SnapshotInfoJsonConverter());
        }
        return options;
    }

    private static SnapshotInfo LeaderElectionSnapshot(long seed)
    {
        var cluster = LeaderElectionPattern.Descriptor.CreateSimulation(seed: seed);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        cluster.InjectFault(new FaultRequest("crash", "n2", null));
        cluster.RunFor(TimeSpan.FromSeconds(1));
        var state = new SessionState("s1", cluster.CreateSnapshot(), SessionStatus.Running, 1, null, cluster.Log.LastSequence)
        {
            PublishedAt = DateTimeOffset.Parse("2026-11-23T12:00:00Z"),
        };
        return SnapshotInfo.From(state);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Write_GivesTheSameJsonAsTheHubSettingsAlone(long seed)
    {
        var snapshot = LeaderElectionSnapshot(seed);

        string plain = JsonSerializer.Serialize(snapshot, HubOptions(shared: false));
        string shared = JsonSerializer.Serialize(snapshot, HubOptions(shared: true));

        Assert.Equal(plain, shared);
        Assert.Contains("\"publishedAtMs\":", shared);
    }

    [Fact]
    public void Write_TheSameSnapshotTwice_GivesTheSameJson_AndReadsBack()
    {
        var options = HubOptions(shared: true);
        var snapshot = LeaderElectionSnapshot(3);

        string first = JsonSerializer.Serialize(snapshot, options);
        string second = JsonSerializer.Serialize(snapshot, options);
        var read = JsonSerializer.Deserialize<JsonElement>(second);

        Assert.Equal(first, second);
        Assert.Equal(snapshot.EventCount, read.GetProperty("eventCount").GetInt64());
        Assert.Equal(snapshot.Nodes.Count, read.GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public void Write_InsideAList_StaysValidJson()
    {
        var options = HubOptions(shared: true);
        var snapshot = LeaderElectionSnapshot(5);

        string json = JsonSerializer.Serialize(new[] { snapshot, snapshot }, options);

        var items = JsonSerializer.Deserialize<JsonElement>(json);
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal(items[0].GetRawText(), items[1].GetRawText());
    }
}

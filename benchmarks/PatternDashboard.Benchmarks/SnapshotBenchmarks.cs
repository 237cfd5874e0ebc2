using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Benchmarks;

/// <summary>Building one snapshot of a 5-node cluster, and serializing it as the hub sends it.</summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private SimulationBase cluster = null!;
    private SessionState state = null!;

    [GlobalSetup]
    public void Setup()
    {
        cluster = LeaderElectionPattern.Descriptor.CreateSimulation(seed: 3);
        cluster.RunFor(TimeSpan.FromSeconds(30));
        state = new SessionState("s1", cluster.CreateSnapshot(), SessionStatus.Running, 1, null, cluster.Log.LastSequence);
        Console.WriteLine($"// Hub snapshot size: {JsonSerializer.SerializeToUtf8Bytes(SnapshotInfo.From(state), Json).Length} bytes");
    }

    [Benchmark]
    public SimulationSnapshot BuildSnapshot() => cluster.CreateSnapshot();

    [Benchmark]
    public byte[] SerializeHubSnapshot() => JsonSerializer.SerializeToUtf8Bytes(SnapshotInfo.From(state), Json);
}

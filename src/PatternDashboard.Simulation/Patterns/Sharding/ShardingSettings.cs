namespace PatternDashboard.Simulation.Patterns.Sharding;

/// <summary>What the clients do, changed by faults while the run goes on.</summary>
/// <param name="HotKeyShare">Share of requests, 0 to 1, that go to the one hot key.</param>
/// <param name="SequentialKeys">True when keys are ids that only grow instead of drawn evenly.</param>
public sealed record ShardingSettings(double OpsPerSecond, double WriteShare, int HotKey, double HotKeyShare, bool SequentialKeys);

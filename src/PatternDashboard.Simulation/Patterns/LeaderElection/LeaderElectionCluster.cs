using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.LeaderElection;

/// <summary>Placeholder until the Raft cluster lands.</summary>
public sealed class LeaderElectionCluster : SimulationBase
{
    public LeaderElectionCluster(long seed, IReadOnlyDictionary<string, double> options)
        : base(LeaderElectionPattern.Descriptor, seed, options)
    {
        Start();
    }

    public override IReadOnlyList<FaultDefinition> FaultCatalog => LeaderElectionPattern.Faults;

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request) => null;

    protected override NodeView Describe(SimulationNode node) => throw new NotSupportedException();
}

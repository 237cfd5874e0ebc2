namespace PatternDashboard.Simulation.Kernel;

/// <summary>What the app knows of a pattern: its identity, explanation, options and how to build a simulation of it.</summary>
/// <param name="Id">Stable kebab-case id used in URLs and the hub.</param>
/// <param name="Create">Builds a simulation from a seed and resolved options.</param>
public sealed record PatternDescriptor(
    string Id,
    string Title,
    string Summary,
    PatternInfo Info,
    IReadOnlyList<OptionDefinition> Options,
    Func<long, IReadOnlyDictionary<string, double>, SimulationBase> Create)
{
    /// <summary>Builds a simulation after checking the options; bad options throw <see cref="SimulationInputException"/>.</summary>
    public SimulationBase CreateSimulation(long seed, IReadOnlyDictionary<string, double>? options = null) =>
        Create(seed, PatternOptions.Resolve(Options, options));
}

/// <summary>The info drawer's text, in the project's words. Each entry is a paragraph or a list item.</summary>
public sealed record PatternInfo(string Problem, string HowItWorks, IReadOnlyList<string> Benefits, IReadOnlyList<string> TradeOffs, IReadOnlyList<string> UsedBy);

/// <summary>The patterns that exist, by id.</summary>
public sealed class PatternRegistry(IEnumerable<PatternDescriptor> patterns)
{
    private readonly IReadOnlyList<PatternDescriptor> all = [.. patterns];

    public IReadOnlyList<PatternDescriptor> All => all;

    public PatternDescriptor Get(string id) =>
        all.FirstOrDefault(p => p.Id == id)
        ?? throw new SimulationInputException($"Unknown pattern '{id}'. Known patterns: {string.Join(", ", all.Select(p => p.Id))}.");

    /// <summary>Rebuilds the run a recording describes, up to <paramref name="until"/> simulated time if given.</summary>
    public SimulationBase Replay(Recording recording, TimeSpan? until = null)
    {
        recording.Validate();
        var simulation = Get(recording.PatternId).CreateSimulation(recording.Seed, recording.Options);
        simulation.Replay(recording.Inputs, until);
        return simulation;
    }
}

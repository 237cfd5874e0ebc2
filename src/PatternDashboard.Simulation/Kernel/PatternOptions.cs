namespace PatternDashboard.Simulation.Kernel;

/// <summary>A numeric option a pattern accepts, with its range and default.</summary>
public sealed record OptionDefinition(string Name, string Label, string Description, double Min, double Max, double Default, string Unit = "", bool IsInteger = false);

/// <summary>Checks options against a pattern's definitions and fills in defaults.</summary>
public static class PatternOptions
{
    /// <summary>The full option set: defaults overridden by <paramref name="given"/>. Unknown names and out-of-range values are refused.</summary>
    public static IReadOnlyDictionary<string, double> Resolve(IReadOnlyList<OptionDefinition> definitions, IReadOnlyDictionary<string, double>? given)
    {
        var resolved = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            resolved[definition.Name] = definition.Default;
        }
        foreach (var (name, value) in given ?? new Dictionary<string, double>())
        {
            var definition = definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new SimulationInputException(
                    $"Unknown option '{name}'. Known options: {string.Join(", ", definitions.Select(d => d.Name))}.");
            Check(definition, value);
            resolved[definition.Name] = value;
        }
        return resolved;
    }

    public static void Check(OptionDefinition definition, double value)
    {
        if (double.IsNaN(value) || value < definition.Min || value > definition.Max)
        {
            throw new SimulationInputException(
                $"Option '{definition.Name}' must be between {definition.Min} and {definition.Max}{Suffix(definition.Unit)}; got {value}.");
        }
        if (definition.IsInteger && value != Math.Floor(value))
        {
            throw new SimulationInputException($"Option '{definition.Name}' must be a whole number; got {value}.");
        }
    }

    private static string Suffix(string unit) => unit.Length == 0 ? "" : " " + unit;
}

namespace PatternDashboard.Simulation.Patterns.StranglerFig;

/// <summary>
/// The answers backends give, as "field=value" pairs separated by ';', the way a JSON body would carry them. The value
/// depends only on the feature and the customer; the time it was made and the serving process's id differ every time.
/// </summary>
public static class FeatureAnswers
{
    public const string ValueField = "value";

    /// <summary>What the feature should answer for the customer; <paramref name="wrong"/> is a bug's off-by-a-little value.</summary>
    public static string Value(string feature, int customer, bool wrong)
    {
        int bias = wrong ? 1 : 0;
        return feature switch
        {
            StranglerFigPattern.Feature.Catalog => $"price:{(customer * 37 % 1000 + bias) / 10.0:0.0}",
            StranglerFigPattern.Feature.Profile => $"tier:{(customer + bias) % 3}",
            StranglerFigPattern.Feature.Orders => $"open:{(customer + bias) % 7}",
            _ => $"charged:{customer % 90 + 10 + bias}",
        };
    }

    public static string Compose(string value, TimeSpan at, string server, long sequence) =>
        $"{ValueField}={value};at={(long)at.TotalMilliseconds};id={server}-{sequence}";

    /// <summary>The fields of an answer in their order; a field without '=' is kept whole as its own name.</summary>
    public static IReadOnlyList<(string Name, string Value)> Fields(string answer)
    {
        var fields = new List<(string, string)>(3);
        foreach (var part in answer.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=');
            fields.Add(equals < 0 ? (part, "") : (part[..equals], part[(equals + 1)..]));
        }
        return fields;
    }

    /// <summary>The names of the fields whose values differ between two answers (a field one lacks counts).</summary>
    public static IReadOnlyList<string> Differences(string a, string b)
    {
        var left = Fields(a);
        var right = Fields(b).ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        var differing = new List<string>();
        foreach (var (name, value) in left)
        {
            if (!right.Remove(name, out var other) || other != value)
            {
                differing.Add(name);
            }
        }
        differing.AddRange(right.Keys);
        return differing;
    }
}

/// <summary>
/// Judges shadow answers per feature, the Diffy way: two answers of the monolith to the same request show which fields
/// are noise (they differ with no code change at all), and the new service's answer is a real mismatch only when it
/// differs in a field that is not noise. The naive count, every difference, is kept beside it to show why.
/// </summary>
public sealed class ShadowJudge
{
    private readonly HashSet<string> noisy = new(StringComparer.Ordinal);

    public long Compared { get; private set; }

    public long RealMismatches { get; private set; }

    /// <summary>Comparisons with any difference at all: what a comparison without a baseline would report.</summary>
    public long NaiveMismatches { get; private set; }

    /// <summary>Comparisons where the two legacy answers themselves differed.</summary>
    public long NoisyBaselines { get; private set; }

    public IReadOnlyCollection<string> NoisyFields => noisy;

    /// <summary>A candidate answer that failed (an error, a timeout) is no comparison; the caller counts it as an error.</summary>
    public bool Judge(string primary, string secondary, string candidate)
    {
        Compared++;
        var baseline = FeatureAnswers.Differences(primary, secondary);
        if (baseline.Count > 0)
        {
            NoisyBaselines++;
            noisy.UnionWith(baseline);
        }
        var differences = FeatureAnswers.Differences(primary, candidate);
        NaiveMismatches += differences.Count > 0 ? 1 : 0;
        bool real = differences.Any(d => !noisy.Contains(d));
        RealMismatches += real ? 1 : 0;
        return real;
    }
}

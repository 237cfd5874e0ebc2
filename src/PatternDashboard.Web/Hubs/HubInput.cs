using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Hubs;

/// <summary>Checks of the hub's plain arguments, before anything looks them up or quotes them back in a message.</summary>
internal static class HubInput
{
    /// <summary>The longest id, name or code a hub call accepts; every real one is far shorter.</summary>
    public const int MaxTextLength = 200;

    /// <summary>
    /// Refuses a text argument too long to be any id (so no message quotes megabytes back) or holding a lone UTF-16
    /// surrogate (which no JSON writer can send back). Null passes: the lookup that follows names what is missing.
    /// </summary>
    public static string? Text(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length > MaxTextLength)
        {
            throw new SimulationInputException($"The {name} is {value.Length:N0} characters long; none is longer than {MaxTextLength}.");
        }
        if (HasLoneSurrogate(value))
        {
            throw new SimulationInputException($"The {name} holds a lone UTF-16 surrogate (half of a character); send whole characters.");
        }
        return value;
    }

    public static bool HasLoneSurrogate(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Option names of CreateSession and CreateRoom, checked as <see cref="Text"/> checks one name.</summary>
    public static IReadOnlyDictionary<string, double>? Options(Dictionary<string, double>? options)
    {
        if (options is null)
        {
            return null;
        }
        if (options.Count > MaxOptions)
        {
            throw new SimulationInputException($"{options.Count} options were given; no pattern has more than {MaxOptions}.");
        }
        foreach (var name in options.Keys)
        {
            Text(name, "option name");
        }
        return options;
    }

    private const int MaxOptions = 50;
}

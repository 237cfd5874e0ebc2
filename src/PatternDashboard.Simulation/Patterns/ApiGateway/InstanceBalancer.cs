using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>
/// Round robin over a service's instances with passive health checks: an instance whose call just failed is skipped
/// for <see cref="Ejection"/> while another instance of the service is not, as Envoy's outlier detection does.
/// </summary>
public sealed class InstanceBalancer(SimulationClock clock, IReadOnlyDictionary<string, IReadOnlyList<string>> instances)
{
    public static readonly TimeSpan Ejection = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, TimeSpan> ejectedUntil = new(StringComparer.Ordinal);

    /// <summary>The caller's next instance of the service; <paramref name="turns"/> is the caller's own rotation.</summary>
    public string Pick(string service, Dictionary<string, int> turns)
    {
        var list = instances[service];
        int start = turns.GetValueOrDefault(service);
        turns[service] = start + 1;
        for (int i = 0; i < list.Count; i++)
        {
            string candidate = list[(start + i) % list.Count];
            if (!IsEjected(candidate))
            {
                return candidate;
            }
        }
        return list[start % list.Count];
    }

    public void NoteFailure(string instance) => ejectedUntil[instance] = clock.Now + Ejection;

    public bool IsEjected(string instance) => ejectedUntil.TryGetValue(instance, out var until) && until > clock.Now;
}

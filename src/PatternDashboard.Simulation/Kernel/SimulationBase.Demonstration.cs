namespace PatternDashboard.Simulation.Kernel;

/// <summary>
/// "Show me the damage": a break-it switch turned on, then its demonstration given step by step in simulated time.
/// Each step is an ordinary recorded input when it is given, so a recording or a replay needs nothing new; the plan
/// itself is not recorded, so a jump back in time drops the steps not yet given.
/// </summary>
public abstract partial class SimulationBase
{
    private readonly Queue<(TimeSpan Due, FaultRequest Request)> planned = new();

    /// <summary>Demonstration inputs not given yet, with the simulated time each is due.</summary>
    public IReadOnlyList<(TimeSpan Due, FaultRequest Request)> Planned => [.. planned];

    private TimeSpan? NextPlannedTime => planned.TryPeek(out var next) ? next.Due : null;

    /// <summary>
    /// Turns the switch on (unless it is on already) and gives its demonstration: the first request now, each next one
    /// <see cref="FaultDefinition.DemonstrationStep"/> later. A step the cluster refuses when its time comes (its target
    /// crashed meanwhile) is skipped. A second call replaces the steps still planned.
    /// </summary>
    public void ShowDamage(string switchId)
    {
        var definition = FaultCatalog.FirstOrDefault(f => f.Id == switchId);
        if (definition is not { IsBreakIt: true })
        {
            throw new SimulationInputException(
                $"'{switchId}' is not a break-it switch of {Pattern.Id}. Switches: {string.Join(", ", FaultCatalog.Where(f => f.IsBreakIt).Select(f => f.Id))}.");
        }
        if (definition.Demonstration.Count == 0)
        {
            throw new SimulationInputException($"'{switchId}' has no demonstration.");
        }
        if (!Faults.IsActive(switchId))
        {
            InjectFault(new FaultRequest(switchId));
        }
        planned.Clear();
        for (int i = 0; i < definition.Demonstration.Count; i++)
        {
            planned.Enqueue((Clock.Now + FaultDefinition.DemonstrationStep * i, definition.Demonstration[i]));
        }
        GiveDuePlanned();
    }

    private void GiveDuePlanned()
    {
        while (planned.TryPeek(out var next) && next.Due <= Clock.Now)
        {
            planned.Dequeue();
            try
            {
                InjectFault(next.Request);
            }
            catch (SimulationInputException)
            {
                // Not logged: a refused input is not recorded, and a replay must give the same log.
            }
        }
    }
}

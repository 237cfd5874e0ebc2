namespace PatternDashboard.Simulation.Patterns.Shared.EventStore;

/// <summary>A read model built only from events: applying the same events in the same order always gives the same model.</summary>
public interface IProjection<TEvent>
{
    /// <summary>Folds one event in; events arrive in global order, each once.</summary>
    void Apply(StoredEvent<TEvent> stored);

    /// <summary>Forgets everything, as before the first event.</summary>
    void Reset();
}

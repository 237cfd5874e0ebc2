using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// Two runs of one pattern on one clock, the same seed and inputs, differing in one thing (<see cref="ComparisonInfo"/>).
/// Clock commands, jumps and fast-forwards move both; a fault goes to both at the same simulated moment unless it is
/// aimed at one side. Only whoever controls the run it started from may drive it; bad input throws
/// <see cref="SimulationInputException"/> and changes neither run.
/// </summary>
public interface ISessionComparison
{
    ComparisonInfo Info { get; }

    /// <summary>Play, pause, step, speed or reset, for both runs (a reset gives the side with the difference its difference again).</summary>
    Task ControlAsync(ControlAction action, double? value = null);

    /// <summary>Gives a fault to both runs at the same simulated moment, or to one of them.</summary>
    Task<ComparisonFaults> InjectFaultAsync(FaultRequest request, ComparisonSide side = ComparisonSide.Both);

    /// <summary>Undoes a fault on one side; a fault that was given to both is undone on both.</summary>
    Task ClearFaultAsync(ComparisonSide side, string activeFaultId);

    /// <summary>"Show me the damage" on both runs, or on one.</summary>
    Task ShowDamageAsync(string switchId, ComparisonSide side = ComparisonSide.Both);

    Task RunForAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default);

    /// <summary>Jumps both runs to one moment, no earlier than where they began to differ.</summary>
    Task TravelToAsync(TimeSpan simulatedTime, CancellationToken cancellationToken = default);

    Task<ComparisonRecording> ExportAsync();

    /// <summary>Stops comparing: the side with the difference closes; the other run goes on alone.</summary>
    Task EndAsync();
}

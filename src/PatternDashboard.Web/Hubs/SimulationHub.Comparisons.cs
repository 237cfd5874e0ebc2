using System.Text.Json;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Sessions.Comparisons;

namespace PatternDashboard.Web.Hubs;

// Side-by-side comparisons: two runs on one clock. Each run streams as any session does (StreamSnapshots with its id);
// these methods create, drive, save and end the pair. Driving it takes control of the run it started from.
public sealed partial class SimulationHub
{
    /// <summary>Compares the session with a copy of it that differs in one fault, switch or option; its controller only.</summary>
    public async Task<ComparisonInfo> CreateComparison(string sessionId, CompareInput? difference)
    {
        var session = ControlledSession(sessionId);
        return (await comparisons.CreateAsync(session, difference, Context.ConnectionAborted)).Info;
    }

    /// <summary>The comparison, for anyone who may watch: its two session ids and what differs.</summary>
    public ComparisonInfo GetComparison(string comparisonId) => comparisons.Get(HubInput.Text(comparisonId, "comparison id")!).Info;

    public Task ControlComparison(string comparisonId, ControlInput? control)
    {
        var comparison = ControlledComparison(comparisonId);
        var action = ParseAction(HubInput.Text(control?.Action, "action"));
        return comparison.ControlAsync(action, control!.Value);
    }

    /// <summary>Gives a fault to both runs at one simulated moment, or (side "without" or "with") to one of them.</summary>
    public Task<ComparisonFaults> InjectComparisonFault(string comparisonId, FaultInput? fault, string? side)
    {
        var comparison = ControlledComparison(comparisonId);
        if (fault is null || string.IsNullOrWhiteSpace(fault.FaultId))
        {
            throw new SimulationInputException("A fault needs a faultId, as in { faultId: \"crash\", target: \"n1\" }. ListFaults names them.");
        }
        var request = new FaultRequest(HubInput.Text(fault.FaultId, "fault id")!, HubInput.Text(fault.Target, "target"), fault.Value);
        return comparison.InjectFaultAsync(request, ParseSide(side));
    }

    /// <summary>Undoes a fault of one side (its id on that side); one given to both is undone on both.</summary>
    public Task ClearComparisonFault(string comparisonId, string? side, string activeFaultId) =>
        ControlledComparison(comparisonId).ClearFaultAsync(ParseSide(side), HubInput.Text(activeFaultId, "active fault id")!);

    public Task ShowComparisonDamage(string comparisonId, string switchId, string? side) =>
        ControlledComparison(comparisonId).ShowDamageAsync(HubInput.Text(switchId, "switch id")!, ParseSide(side));

    public Task RunComparisonFor(string comparisonId, double simulatedSeconds)
    {
        var comparison = ControlledComparison(comparisonId);
        SimulationSession.CheckRunFor(simulatedSeconds);
        return comparison.RunForAsync(TimeSpan.FromSeconds(simulatedSeconds), Context.ConnectionAborted);
    }

    /// <summary>Jumps both runs to one moment, no earlier than where they began to differ; both end paused.</summary>
    public Task TravelComparisonTo(string comparisonId, double simulatedSeconds)
    {
        var comparison = ControlledComparison(comparisonId);
        SimulationSession.CheckTravel(simulatedSeconds);
        return comparison.TravelToAsync(TimeSpan.FromSeconds(simulatedSeconds), Context.ConnectionAborted);
    }

    /// <summary>Both runs as one file (each run's recording and the difference), for anyone who may watch.</summary>
    public Task<ComparisonRecording> ExportComparison(string comparisonId) => comparisons.Get(HubInput.Text(comparisonId, "comparison id")!).ExportAsync();

    /// <summary>Opens a comparison file as two new paused runs of this connection (or browser), compared again.</summary>
    public async Task<ComparisonInfo> ImportComparison(JsonElement file)
    {
        // Taken as JSON (an object, or a string holding one) so a malformed file is refused in words, not by the binder.
        string json = file.ValueKind switch
        {
            JsonValueKind.Object => file.GetRawText(),
            JsonValueKind.String => file.GetString()!,
            _ => throw new SimulationInputException("A comparison file is required: pass the object ExportComparison returned."),
        };
        var parsed = ComparisonManager.ParseFile(json)
            ?? throw new SimulationInputException($"This is not a comparison file (kind \"{ComparisonRecording.ComparisonKind}\"); a single run's recording goes to ImportRecording.");
        return (await comparisons.ImportAsync(OwnerId, parsed)).Info;
    }

    /// <summary>Stops comparing: the side with the difference closes, the other run goes on.</summary>
    public Task EndComparison(string comparisonId) => ControlledComparison(comparisonId).EndAsync();

    private SessionComparison ControlledComparison(string comparisonId)
    {
        var comparison = comparisons.Get(HubInput.Text(comparisonId, "comparison id")!);
        ControlledSession(comparison.Without.Id);
        return comparison;
    }

    private static ComparisonSide ParseSide(string? side) => side?.Trim().ToLowerInvariant() switch
    {
        null or "" or "both" => ComparisonSide.Both,
        "without" => ComparisonSide.Without,
        "with" => ComparisonSide.With,
        _ => throw new SimulationInputException($"Unknown side '{side}'. Sides: both, without, with."),
    };
}

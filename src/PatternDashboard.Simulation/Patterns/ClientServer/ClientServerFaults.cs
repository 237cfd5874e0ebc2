using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Queueing;
using static PatternDashboard.Simulation.Patterns.ClientServer.ClientServerPattern;

namespace PatternDashboard.Simulation.Patterns.ClientServer;

/// <summary>
/// How the cluster checks and applies each fault of <see cref="ClientServerPattern.Faults"/>. Load and client behaviour
/// are live settings changed by faults, so they are recorded and replayed like any other input.
/// </summary>
public sealed partial class ClientServerCluster
{
    // Node faults (crash, pause, slow) aim at servers; the clients are what they hurt.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => node is QueueingServer;

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        switch (definition.Id)
        {
            case Fault.SlowServer when Faults.IsActive(Fault.SlowServer, request.Target):
                throw new SimulationInputException($"{Node(request.Target!).Label} is already slowed; undo that first.");
            case Fault.AddLoad when Faults.IsActive(Fault.AddLoad):
                throw new SimulationInputException("Extra load is already on; undo it first, or set the load itself.");
            case Fault.TimeoutAndRetry when Faults.IsActive(Fault.TimeoutAndRetry):
                throw new SimulationInputException("Clients already time out and retry; undo that first.");
            case Fault.SecondServer when SecondServerInUse:
                throw new SimulationInputException("The second server is already in service.");
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        switch (definition.Id)
        {
            case Fault.SlowServer:
                var server = (QueueingServer)Node(request.Target!);
                server.Slowdown = value;
                return () => server.Slowdown = 1;
            case Fault.SetLoad:
                ChangeSettings(Settings with { ArrivalsPerSecond = value });
                Log.Append(null, "load", $"Load set to {value} requests/s (offered utilization {OfferedUtilization():P0})");
                return null;
            case Fault.AddLoad:
                ChangeSettings(Settings with { ExtraPerSecond = value });
                return () => ChangeSettings(Settings with { ExtraPerSecond = 0 });
            case Fault.TimeoutAndRetry:
                var before = Settings;
                ChangeSettings(Settings with { Timeout = TimeSpan.FromMilliseconds(value), Retries = RetriesPerRequest });
                return () => ChangeSettings(Settings with { Timeout = before.Timeout, Retries = 0 });
            case Fault.ResetStatistics:
                ResetStatistics();
                return null;
            case Fault.SecondServer:
                SecondServerInUse = true;
                Log.Append(null, "config", "Second server in service: even clients now call Server 2, odd ones Server 1; no balancer");
                return () =>
                {
                    SecondServerInUse = false;
                    Log.Append(null, "config", "Back to one server: every client calls Server 1");
                };
            default:
                throw new SimulationInputException($"Fault '{definition.Id}' is not handled by {Id}.");
        }
    }

    private void ChangeSettings(ClientServerSettings settings)
    {
        bool loadChanged = settings.ArrivalsPerSecond != Settings.ArrivalsPerSecond || settings.ExtraPerSecond != Settings.ExtraPerSecond;
        Settings = settings;
        if (loadChanged)
        {
            foreach (var client in clients)
            {
                client.Reschedule();
            }
        }
    }
}

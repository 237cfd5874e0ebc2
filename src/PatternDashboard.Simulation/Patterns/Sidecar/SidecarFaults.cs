using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>How the cluster checks and applies each fault of <see cref="SidecarPattern.Faults"/>.</summary>
public sealed partial class SidecarCluster
{
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) =>
        fault.Id != Fault.SlowSidecar || SidecarIds.Contains(node.Id);

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        if (Faults.IsActive(definition.Id, request.Target))
        {
            throw new SimulationInputException($"{definition.Label} is already in force; undo it first.");
        }
        switch (definition.Id)
        {
            case Fault.CrashApp when !PodUp:
                throw new SimulationInputException(Redeploy == RedeployPhase.Down
                    ? "The app is down already: it is being redeployed."
                    : "The app and its pod are down already.");
            case Fault.CrashLogShipper when !PodUp:
                throw new SimulationInputException("The pod is down, and the log shipper with it: a sidecar never runs without its app.");
            case Fault.CrashLogShipper when !Shipper.IsUp:
                throw new SimulationInputException("The log shipper is down already.");
            case Fault.StartBeforeReady when !PodUp:
                throw new SimulationInputException("The pod is down; clear the crash first, then restart it in the wrong order.");
            case Fault.StartBeforeReady when Redeploy != RedeployPhase.None:
                throw new SimulationInputException("The app is being rebuilt; wait until its redeploy is over.");
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        double value = request.Value ?? definition.Parameter?.Default ?? 0;
        switch (definition.Id)
        {
            case Fault.CrashLogShipper:
                Shipper.Crash();
                return () =>
                {
                    // A sidecar never runs without its app: with the pod down it starts with the pod.
                    if (PodUp)
                    {
                        Shipper.Restart();
                    }
                };
            case Fault.CrashApp:
                StopPod();
                return () =>
                {
                    if (!PodUp && Redeploy != RedeployPhase.Down)
                    {
                        StartPod();
                    }
                };
            case Fault.SlowSidecar:
                var added = TimeSpan.FromMilliseconds(value);
                SetAddedTime(request.Target!, added);
                return () => SetAddedTime(request.Target!, TimeSpan.Zero);
            case Fault.StartBeforeReady:
                AppWaitsForProxy = false;
                Log.Append(AppId, "pod", "The pod restarts, and the app no longer waits for its proxy");
                StopPod();
                StartPod();
                return () => AppWaitsForProxy = true;
            case Fault.ChangeTimeout:
                var before = Desired.Timeout;
                ChangeSetting(Desired with { Timeout = TimeSpan.FromMilliseconds(value) }, $"a timeout of {value:0} ms");
                return () => ChangeSetting(Desired with { Timeout = before }, $"the timeout back to {before.TotalMilliseconds:0} ms");
            case Fault.Tls13:
                var was = Desired.Tls;
                ChangeSetting(Desired with { Tls = Tls.V13 }, Tls.V13);
                return () => ChangeSetting(Desired with { Tls = was }, $"{was} again");
            case Fault.ConcernsInApp:
                SetConcernsInApp(true);
                Log.Append(AppId, "deploy", "TLS, the timeout and log shipping are now in the app's own code; the sidecars idle");
                return () =>
                {
                    SetConcernsInApp(false);
                    Log.Append(AppId, "deploy", "The plumbing is back in the sidecars");
                };
            default:
                throw new SimulationInputException($"Fault '{definition.Id}' is not handled by {Id}.");
        }
    }

    private void SetAddedTime(string sidecar, TimeSpan added)
    {
        switch (sidecar)
        {
            case ProxyId:
                Proxy.AddedTime = added;
                break;
            case ShipperId:
                Shipper.AddedTime = added;
                break;
            default:
                Metrics.AddedTime = added;
                break;
        }
    }
}

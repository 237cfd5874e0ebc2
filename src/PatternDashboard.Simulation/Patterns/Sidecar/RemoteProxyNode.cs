using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.Sidecar.SidecarPattern;

namespace PatternDashboard.Simulation.Patterns.Sidecar;

/// <summary>
/// The remote service's own sidecar proxy, in its own pod: it ends the mutual TLS the app's proxy opened and hands
/// the plain call to the remote app, so a traced request shows both proxies: app, local proxy, remote proxy, remote
/// app, and back. Not part of the app's pod: its faults and costs are the remote team's.
/// </summary>
public sealed class RemoteProxyNode(SidecarCluster cluster)
    : ProxyNode(cluster, RemoteProxyId, "Remote's proxy", CallTimeout)
{
    /// <summary>Its own timeout on the remote app; the app's proxy holds the one that matters to the app.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    protected override void OnRequest(string from, IMessage message)
    {
        if (message is ServiceRequest request)
        {
            _ = ForwardAsync(from, request, Life);
        }
    }

    // Reports its own errors, as InlineContinuations.Forget would, without a continuation per request.
    private async Task ForwardAsync(string from, ServiceRequest request, CancellationToken life)
    {
        try
        {
            var trace = cluster.Trace;
            trace.Note(request.Operation, Now, from == AppId ? "app → remote's proxy (network)" : "TLS proxy → remote's proxy (network)", bySidecar: false);
            await DelayAsync(SidecarCosts.TlsRecord).ConfigureAwait(false);
            trace.Note(request.Operation, Now, "remote's proxy: decrypt", bySidecar: true);
            var reply = await CallAsync(RemoteId, request.Operation).ConfigureAwait(false);
            if (!IsSameLife(life))
            {
                return;
            }
            trace.Note(request.Operation, Now, "remote's proxy → remote app → remote's proxy (inside its pod, and its work)", bySidecar: false);
            await DelayAsync(SidecarCosts.TlsRecord).ConfigureAwait(false);
            if (!IsSameLife(life))
            {
                return;
            }
            trace.Note(request.Operation, Now, "remote's proxy: encrypt the answer", bySidecar: true);
            Send(from, new ServiceResponse(request.CallId, reply.Ok, reply.Detail));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            cluster.ReportError(error);
        }
    }

    private Task DelayAsync(TimeSpan delay)
    {
        // Completed by the node's own timer, so a crash leaves it pending and the work never resumes.
        var done = new TaskCompletionSource();
        StartTimer(delay, () => done.TrySetResult());
        return done.Task;
    }
}

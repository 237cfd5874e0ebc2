using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;
using static PatternDashboard.Simulation.Patterns.ApiGateway.ApiGatewayPattern;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>How the cluster checks and applies its own faults of <see cref="ApiGatewayPattern.Faults"/>; the kernel does kill and restart, the network its own.</summary>
public sealed partial class ApiGatewayCluster
{
    // Client faults aim at clients, instance faults at instances.
    protected override bool MayTarget(FaultDefinition fault, SimulationNode node) => fault.Id switch
    {
        Fault.Flood or Fault.BadToken or Fault.EdgeBurst => node is GatewayClientNode,
        Fault.SlowInstance or Fault.FailInstance or Fault.ServiceDown => node is DownstreamService,
        _ => true,
    };

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        var node = request.Target is null ? null : Node(request.Target);
        string? refusal = (definition.Id, node) switch
        {
            (Fault.Flood, GatewayClientNode c) when Faults.IsActive(Fault.Flood, c.Id) => $"{c.Label} is already flooding; undo that first to change its rate.",
            (Fault.BadToken, GatewayClientNode c) when !Tokens.IsValid(c.Token) => $"{c.Label}'s token has already expired.",
            (Fault.EdgeBurst, GatewayClientNode { IsUp: false } c) => $"{c.Label} is not running; restart it first.",
            (Fault.SlowInstance, DownstreamService { AddedLatency.Ticks: > 0 } s) => $"{s.Label} is already slow; undo that first.",
            (Fault.FailInstance, DownstreamService { ErrorRate: > 0 } s) => $"{s.Label} already fails requests; undo that first.",
            (Fault.ServiceDown, DownstreamService s) when InstancesOf(s).All(i => !i.IsUp) => $"Every instance of {ServiceOfInstance(s.Id)} is already down.",
            (Fault.CrashGateway, _) when !gateways[0].IsUp => "The gateway is already down; restart it first.",
            (Fault.SecondGateway, _) when gateways[1].Deployed => "A second gateway is already running.",
            (Fault.FixedWindow, _) when Limits.Kind == LimiterKind.FixedWindow => "The fixed-window limiter is already in use.",
            (Fault.DirectCalls, _) when DirectCalls => "Clients already call the services directly.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        var node = request.Target is null ? null : Node(request.Target);
        switch (definition.Id, node)
        {
            case (Fault.Flood, GatewayClientNode client):
                client.SetRate(request.Value ?? definition.Parameter!.Default);
                return () => client.SetRate(Settings.RequestsPerSecond);
            case (Fault.BadToken, GatewayClientNode client):
                client.Token = Tokens.IssueExpired(client.Id);
                Log.Append(client.Id, "auth", $"{client.Label}'s token has expired");
                return () =>
                {
                    client.Token = Tokens.Issue(client.Id);
                    Log.Append(client.Id, "auth", $"{client.Label} has a fresh token");
                };
            case (Fault.EdgeBurst, GatewayClientNode client):
                EdgeBurst(client);
                return null;
            case (Fault.SlowInstance, DownstreamService instance):
                instance.AddedLatency = TimeSpan.FromMilliseconds(request.Value ?? definition.Parameter!.Default);
                return () => instance.AddedLatency = TimeSpan.Zero;
            case (Fault.FailInstance, DownstreamService instance):
                instance.ErrorRate = (request.Value ?? definition.Parameter!.Default) / 100;
                return () => instance.ErrorRate = 0;
            case (Fault.ServiceDown, DownstreamService instance):
                var stopped = InstancesOf(instance).Where(i => i.IsUp).ToList();
                stopped.ForEach(i => i.Crash());
                return () => stopped.ForEach(i => i.Restart());
            case (Fault.CrashGateway, _):
                gateways[0].Crash();
                return gateways[0].Restart;
            case (Fault.SecondGateway, _):
                return DeploySecondGateway();
            case (Fault.FixedWindow, _):
                UseLimiter(LimiterKind.FixedWindow);
                return () => UseLimiter(LimiterKind.TokenBucket);
            case (Fault.DirectCalls, _):
                SetDirect(true);
                return () => SetDirect(false);
            default:
                return base.ApplyFault(definition, request);
        }
    }

    // Restarting the gateway ends the "crash the gateway" that stopped it.
    protected override ActiveFault? CrashCause(SimulationNode node) =>
        node == gateways[0] ? Faults.Active.FirstOrDefault(f => f.FaultId == Fault.CrashGateway) : null;

    private IEnumerable<DownstreamService> InstancesOf(DownstreamService instance)
    {
        string service = ServiceOfInstance(instance.Id);
        return instances.Where(i => ServiceOfInstance(i.Id) == service);
    }

    private void EdgeBurst(GatewayClientNode client)
    {
        var span = TimeSpan.FromMilliseconds(200);
        // The first edge far enough ahead for the whole burst to be still to come.
        long window = Settings.Window.Ticks;
        var edge = TimeSpan.FromTicks(((Clock.Now + span).Ticks / window + 1) * window);
        int count = 2 * Settings.WindowLimit;
        Log.Append(client.Id, "burst", $"{client.Label} sends {count} requests around the window edge at {edge.TotalSeconds:0.##} s");
        client.Burst(edge, span, count);
    }

    private Action DeploySecondGateway()
    {
        gateways[1].Deployed = true;
        Log.Append(SecondGatewayId, "gateway", "A second gateway instance takes traffic; it shares the limiter store with the first");
        return () =>
        {
            gateways[1].Deployed = false;
            Log.Append(SecondGatewayId, "gateway", "The second gateway instance is taken out of service");
        };
    }

    private void UseLimiter(LimiterKind kind)
    {
        Limits.Use(kind);
        foreach (var book in books.Values)
        {
            book.ResetLimit();
        }
        Log.Append(GatewayId, "limiter", kind == LimiterKind.TokenBucket
            ? $"Token bucket per client: {Settings.BucketCapacity} tokens, {Settings.RefillPerSecond:0.##} per s"
            : $"Fixed window per client: {Settings.WindowLimit} requests per {Settings.Window.TotalSeconds:0.##} s window");
    }

    private void SetDirect(bool direct)
    {
        DirectCalls = direct;
        Log.Append(null, "gateway", direct
            ? "Clients call the services directly: no token check, no rate limit, no retries but their own"
            : "Clients go through the gateway again");
    }
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using Polly;

namespace PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

/// <summary>
/// A caller that receives requests at a configurable rate per target (Poisson arrivals) and serves each with one of
/// a fixed number of slots, like a web server's worker pool. A request waits for a slot at most
/// <see cref="CallerLimits.MaxWait"/>; slow calls hold their slots, which is how one slow dependency starves the rest.
/// How a request is served (through which policy) is the pattern's choice: <see cref="Serve"/>.
/// </summary>
public sealed class LoadCaller : SimulationNode
{
    private readonly PendingCalls pending = new();
    private readonly LinkedList<QueuedRequest> waiting = new();
    private readonly Dictionary<string, double> rates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeTimer?> arrivalTimers = new(StringComparer.Ordinal);
    // One arrival callback per target for the whole run, rather than a closure per request.
    private readonly Dictionary<string, Action> arrivalActions = new(StringComparer.Ordinal);
    private readonly SeededRandom arrivals;
    private readonly Action<Exception> onError;

    public LoadCaller(SimulationBase simulation, string id, string label, CallerLimits limits, Action<Exception> onError)
        : base(simulation, id, label)
    {
        Limits = limits;
        this.onError = onError;
        arrivals = Random.Derive("arrivals");
    }

    public CallerLimits Limits { get; }

    /// <summary>Serves one admitted request for a target; the slot is held until the returned outcome is ready.</summary>
    public required Func<string, ResilienceContext, ValueTask<Outcome<ServiceReply>>> Serve { get; init; }

    /// <summary>Counts a request that found no slot in time.</summary>
    public required Action<string, CallOutcome> Record { get; init; }

    /// <summary>Runs just before a request leaves for a service, for monitors that watch what reaches it.</summary>
    public Action<string>? Sending { get; init; }

    public int BusySlots { get; private set; }

    public int Waiting => waiting.Count;

    public double RateOf(string target) => rates.GetValueOrDefault(target);

    /// <summary>Sets the request rate for a target (0 stops it); the next arrival is drawn afresh.</summary>
    public void SetRate(string target, double perSecond)
    {
        rates[target] = perSecond;
        CancelTimer(arrivalTimers.GetValueOrDefault(target));
        arrivalTimers[target] = null;
        ScheduleArrival(target);
    }

    public override void Start()
    {
        foreach (var target in rates.Keys.Order(StringComparer.Ordinal).ToList())
        {
            ScheduleArrival(target);
        }
    }

    /// <summary>One request arrives now for <paramref name="target"/>, besides the generated load (scripts, benchmarks).</summary>
    public void Submit(string target) => Arrive(target);

    /// <summary>Sends a request to a service and awaits its reply or the context's cancellation (a Polly timeout).</summary>
    public ValueTask<Outcome<ServiceReply>> CallAsync(string target, ResilienceContext context)
    {
        Sending?.Invoke(target);
        var (callId, reply) = pending.Start(context.CancellationToken);
        Send(target, new ServiceRequest(callId));
        return reply;
    }

    /// <summary>The same, asking for <paramref name="operation"/> (a path, or the tag of a request being traced).</summary>
    public ValueTask<Outcome<ServiceReply>> CallAsync(string target, string? operation, ResilienceContext context)
    {
        Sending?.Invoke(target);
        var (callId, reply) = pending.Start(context.CancellationToken);
        Send(target, new ServiceRequest(callId, null, operation));
        return reply;
    }

    protected override void OnMessage(string from, IMessage message)
    {
        if (message is ServiceResponse response)
        {
            pending.Complete(response.CallId, new ServiceReply(response.Ok, response.Detail));
        }
    }

    private void ScheduleArrival(string target)
    {
        double rate = rates.GetValueOrDefault(target);
        if (rate <= 0 || arrivalTimers.GetValueOrDefault(target) is not null)
        {
            return;
        }
        if (!arrivalActions.TryGetValue(target, out var arrival))
        {
            arrival = () =>
            {
                arrivalTimers[target] = null;
                Arrive(target);
                ScheduleArrival(target);
            };
            arrivalActions.Add(target, arrival);
        }
        arrivalTimers[target] = StartTimer(arrivals.NextExponential(TimeSpan.FromSeconds(1 / rate)), arrival);
    }

    private void Arrive(string target)
    {
        if (BusySlots < Limits.Slots)
        {
            Begin(target);
            return;
        }
        if (waiting.Count >= Limits.QueueLimit)
        {
            Record(target, CallOutcome.NoSlot);
            return;
        }
        var node = waiting.AddLast(new QueuedRequest(target));
        node.Value.Deadline = StartTimer(Limits.MaxWait, () =>
        {
            waiting.Remove(node);
            Record(target, CallOutcome.NoSlot);
        });
    }

    private void Begin(string target)
    {
        BusySlots++;
        _ = RunAsync(target);
    }

    // Reports its own errors, as InlineContinuations.Forget would, without a continuation per request.
    private async Task RunAsync(string target)
    {
        try
        {
            var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: false);
            try
            {
                await Serve(target, context).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
            BusySlots--;
            if (waiting.First is { } next)
            {
                waiting.RemoveFirst();
                CancelTimer(next.Value.Deadline);
                Begin(next.Value.Target);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            onError(error);
        }
    }

    private sealed class QueuedRequest(string target)
    {
        public string Target { get; } = target;

        public NodeTimer? Deadline { get; set; }
    }
}

using Polly;

namespace PatternDashboard.Simulation.Patterns.Shared.ServiceCalls;

/// <summary>
/// Matches replies that come back over the network with the calls awaiting them. A call ends with the reply, with a
/// cancellation (a Polly timeout fired), or when its owner crashes. Completion runs the awaiting code inline, on the
/// simulation's thread, so the run stays single-threaded and deterministic.
/// </summary>
public sealed class PendingCalls
{
    private readonly Dictionary<long, Call> calls = [];
    private long nextId = 1;

    public int Count => calls.Count;

    /// <summary>Registers a new call; send the request with the returned id, then await the reply.</summary>
    public (long CallId, ValueTask<Outcome<ServiceReply>> Reply) Start(CancellationToken cancellationToken)
    {
        long id = nextId++;
        // No RunContinuationsAsynchronously: the continuation must run here, on the simulation's thread.
        var call = new Call(this, id, new TaskCompletionSource<Outcome<ServiceReply>>(), cancellationToken);
        calls.Add(id, call);
        if (cancellationToken.CanBeCanceled)
        {
            call.Registration = cancellationToken.UnsafeRegister(static state => ((Call)state!).Cancel(), call);
        }
        return (id, new ValueTask<Outcome<ServiceReply>>(call.Completion.Task));
    }

    /// <summary>Ends a call with the service's reply; false when it already ended (timed out, or a duplicate reply).</summary>
    public bool Complete(long callId, ServiceReply reply) => End(callId, Outcome.FromResult(reply));

    /// <summary>Ends every call with an error, as when the process that made them dies.</summary>
    public void FailAll(string reason)
    {
        foreach (long id in calls.Keys.Order().ToList())
        {
            End(id, Outcome.FromResult(new ServiceReply(false, reason)));
        }
    }

    private bool End(long callId, Outcome<ServiceReply> outcome)
    {
        if (!calls.Remove(callId, out var call))
        {
            return false;
        }
        call.Registration.Unregister();
        call.Completion.SetResult(outcome);
        return true;
    }

    private sealed class Call(PendingCalls owner, long id, TaskCompletionSource<Outcome<ServiceReply>> completion, CancellationToken token)
    {
        public TaskCompletionSource<Outcome<ServiceReply>> Completion { get; } = completion;

        public CancellationTokenRegistration Registration { get; set; }

        // Polly's timeout strategy turns this cancellation into its TimeoutRejectedException.
        public void Cancel() => owner.End(id, Outcome.FromException<ServiceReply>(new OperationCanceledException(token)));
    }
}

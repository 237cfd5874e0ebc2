using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using Polly;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>
/// The orchestrator: it drives each saga as a state machine (step 1..4 forward, or compensations back down to 1) and
/// writes every transition to its durable log before going on. Each command goes through a Polly pipeline on the
/// simulated clock: a timeout per attempt and retries with exponential backoff and jitter. Forward steps are retried
/// until the service answers yes or no; a compensation gets a bounded number of attempts, then its saga is stuck.
/// A crash stops everything it was doing; on restart it replays its log and resumes every unfinished saga.
/// </summary>
public sealed class CoordinatorNode : SimulationNode
{
    private readonly SagaCluster cluster;
    private readonly Dictionary<long, Call> calls = [];
    private readonly ResiliencePipeline<StepOutcome> forward;
    private readonly ResiliencePipeline<StepOutcome> compensation;
    private CancellationTokenSource life = new();
    private long nextCall = 1;

    public CoordinatorNode(SagaCluster cluster) : base(cluster, SagaPattern.CoordinatorId, "Coordinator")
    {
        this.cluster = cluster;
        var jitter = Random.Derive("jitter");
        forward = SagaRetries.Build(cluster.Clock, int.MaxValue, cluster.StepTimeout, jitter);
        compensation = SagaRetries.Build(cluster.Clock, cluster.CompensationAttempts - 1, cluster.StepTimeout, jitter);
    }

    /// <summary>On disk: it survives crashes.</summary>
    public CoordinatorLog SagaLog { get; } = new();

    /// <summary>Sagas this incarnation is driving (volatile).</summary>
    public int Driving { get; private set; }

    public long Resumed { get; private set; }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case PlaceOrder place:
                if (!SagaLog.Knows(place.Order.Number))
                {
                    SagaLog.Start(place.Order, Now.TotalSeconds);
                    Begin(SagaPosition.Begin(place.Order));
                }
                Send(from, new OrderAccepted(place.Order.Number));
                break;
            case StepReply reply when calls.Remove(reply.CallId, out var call):
                call.Registration.Unregister();
                call.Completion.SetResult(Outcome.FromResult(reply.Outcome));
                break;
        }
    }

    protected override void OnCrash()
    {
        var ended = life;
        life = new CancellationTokenSource();
        Driving = 0;
        ended.Cancel();
        ended.Dispose();
        calls.Clear();
    }

    protected override void OnRestart()
    {
        var positions = SagaLog.Replay().ToList();
        Log("recovery", $"Coordinator replayed its log: {positions.Count} unfinished sagas resume where they stood");
        foreach (var position in positions)
        {
            Resumed++;
            Begin(position);
        }
    }

    private void Begin(SagaPosition position)
    {
        Driving++;
        var startedIn = life;
        InlineContinuations.Forget(DriveAsync(position, startedIn), error =>
        {
            if (error is not OperationCanceledException)
            {
                cluster.ReportError(error);
            }
        });
    }

    private async Task DriveAsync(SagaPosition position, CancellationTokenSource startedIn)
    {
        var p = position;
        int saga = p.Order.Number;
        while (!p.Finished && startedIn == life)
        {
            if (!p.Compensating && p.Next > SagaPattern.Steps.Count)
            {
                p = Write(p, LogEntryKind.Completed, 0);
            }
            else if (p.Compensating && p.Next == 0)
            {
                p = Write(p, LogEntryKind.Compensated, 0);
            }
            else if (p.Compensating && cluster.NoCompensations)
            {
                p = Write(p, LogEntryKind.Abandoned, 0);
                cluster.Tracker(SagaStyle.Orchestration).Abandon(saga, Now);
            }
            else
            {
                int step = p.Next;
                var outcome = await RunAsync(p.Compensating ? compensation : forward, saga, step, p.Compensating, startedIn.Token).ConfigureAwait(false);
                if (startedIn != life)
                {
                    break; // it crashed meanwhile: the log, not this task, carries the saga on
                }
                p = (p.Compensating, outcome) switch
                {
                    (false, StepOutcome.Done) => Write(p, LogEntryKind.StepDone, step),
                    (false, _) => Write(p, LogEntryKind.StepFailed, step),
                    (true, StepOutcome.Done) => Write(p, LogEntryKind.CompensationDone, step),
                    (true, _) => Stuck(p, step),
                };
            }
        }
        if (startedIn == life)
        {
            Driving--;
        }
    }

    private SagaPosition Write(SagaPosition position, LogEntryKind kind, int step)
    {
        var entry = new LogEntry(Now.TotalSeconds, position.Order.Number, kind, step);
        SagaLog.Append(entry);
        return position.Fold(entry);
    }

    private SagaPosition Stuck(SagaPosition position, int step)
    {
        string reason = $"{SagaPattern.Step(step).Compensation} failed {cluster.CompensationAttempts} times";
        Log("stuck", $"Saga #{position.Order.Number} is stuck: {reason}; it needs a person");
        cluster.Tracker(SagaStyle.Orchestration).CompensationStuck(position.Order.Number, step, reason, Now);
        return Write(position, LogEntryKind.Stuck, step);
    }

    private Task<StepOutcome> RunAsync(ResiliencePipeline<StepOutcome> pipeline, int saga, int step, bool undo, CancellationToken token) =>
        SagaRetries.RunAsync(pipeline, static (c, s) => s.Self.CallAsync(s.Saga, s.Step, s.Undo, c), (Self: this, Saga: saga, Step: step, Undo: undo), token);

    private ValueTask<Outcome<StepOutcome>> CallAsync(int saga, int step, bool undo, ResilienceContext context)
    {
        var token = context.CancellationToken;
        if (!IsUp || token.IsCancellationRequested)
        {
            return ValueTask.FromResult(Outcome.FromException<StepOutcome>(new OperationCanceledException(token)));
        }
        var tracker = cluster.Tracker(SagaStyle.Orchestration);
        if (undo)
        {
            tracker.CompensationRunning(saga, step);
        }
        else
        {
            tracker.StepRunning(saga, step);
        }
        long id = nextCall++;
        // No RunContinuationsAsynchronously: the saga goes on here, on the simulation's thread.
        var call = new Call(new TaskCompletionSource<Outcome<StepOutcome>>());
        calls.Add(id, call);
        call.Registration = token.UnsafeRegister(static state =>
        {
            var (self, callId, cancelled) = ((CoordinatorNode, long, CancellationToken))state!;
            if (self.calls.Remove(callId, out var c))
            {
                c.Completion.SetResult(Outcome.FromException<StepOutcome>(new OperationCanceledException(cancelled)));
            }
        }, (this, id, token));
        Send(SagaPattern.ServiceId(SagaStyle.Orchestration, SagaPattern.Step(step).Service), new StepCommand(id, saga, step, undo));
        return new ValueTask<Outcome<StepOutcome>>(call.Completion.Task);
    }

    private sealed class Call(TaskCompletionSource<Outcome<StepOutcome>> completion)
    {
        public TaskCompletionSource<Outcome<StepOutcome>> Completion { get; } = completion;

        public CancellationTokenRegistration Registration { get; set; }
    }
}

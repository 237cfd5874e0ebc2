using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using Polly;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>
/// A service in choreography: it consumes the events it reacts to from the broker, runs its step or compensation
/// through the retry pipeline, puts the next event in its durable outbox and only then acknowledges the event it
/// handled, so a crash at any point leads to a redelivery (harmless, by the ledger's keys) and never to a lost event.
/// The orders service also takes new orders from the shop. Nothing here knows the saga as a whole.
/// </summary>
public sealed class ChoreographedServiceNode : SagaServiceNode
{
    private readonly Dictionary<string, Reaction> reactions;
    // Durable: events handed to the outbox stay until the broker has them.
    private readonly SortedDictionary<(int Saga, int Topic), string> outbox = [];
    private readonly Dictionary<(int Saga, int Topic), NodeTimer> publishing = [];
    // Volatile: events being handled, so a redelivery during a long retry is not handled twice at once.
    private readonly HashSet<(string Source, int Saga)> working = [];
    private readonly ResiliencePipeline<StepOutcome> forward;
    private readonly ResiliencePipeline<StepOutcome> compensation;
    private CancellationTokenSource life = new();

    public ChoreographedServiceNode(SagaCluster cluster, SagaStep step) : base(cluster, SagaStyle.Choreography, step)
    {
        reactions = SagaPattern.Reactions.Where(r => r.Service == step.Service).ToDictionary(r => r.Subscription, StringComparer.Ordinal);
        var jitter = Random.Derive("jitter");
        forward = SagaRetries.Build(cluster.Clock, int.MaxValue, cluster.StepTimeout, jitter);
        compensation = SagaRetries.Build(cluster.Clock, cluster.CompensationAttempts - 1, cluster.StepTimeout, jitter);
    }

    public IEnumerable<Reaction> Reactions => reactions.Values;

    public int OutboxCount => outbox.Count;

    public override void Start() => Heartbeat();

    protected override void OnRestart()
    {
        Heartbeat();
        foreach (var key in outbox.Keys.ToList())
        {
            Publish(key);
        }
    }

    protected override void OnCrash()
    {
        base.OnCrash();
        var ended = life;
        life = new CancellationTokenSource();
        working.Clear();
        publishing.Clear();
        ended.Cancel();
        ended.Dispose();
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case Delivery delivery when reactions.TryGetValue(delivery.Subscription, out var reaction):
                if (working.Add((delivery.Subscription, delivery.Id.Key)))
                {
                    Handle(reaction, delivery.Id.Key, () => Send(BrokerNode.BrokerId, new DeliveryAck(delivery.Subscription, delivery.Id)));
                }
                break;
            case PlaceOrder place when Step.Number == 1:
                if (working.Add((from, place.Order.Number)))
                {
                    var first = new Reaction("order", Step.Service, 1, false, SagaPattern.FirstEvent, null);
                    Handle(first, place.Order.Number, () => Send(from, new OrderAccepted(place.Order.Number)));
                }
                break;
            case PublishAck ack when outbox.Remove(Key(ack.Id)):
                if (publishing.Remove(Key(ack.Id), out var timer))
                {
                    CancelTimer(timer);
                }
                break;
            case PublishRefused refused when outbox.ContainsKey(Key(refused.Id)):
                // The broker is up but cannot take it now; the retry timer already set will send it again.
                break;
        }
    }

    private void Handle(Reaction reaction, int saga, Action acknowledge)
    {
        var startedIn = life;
        InlineContinuations.Forget(HandleAsync(reaction, saga, acknowledge, startedIn), error =>
        {
            if (error is not OperationCanceledException)
            {
                Cluster.ReportError(error);
            }
        });
    }

    private async Task HandleAsync(Reaction reaction, int saga, Action acknowledge, CancellationTokenSource startedIn)
    {
        string? next = null;
        if (reaction.Step == 0)
        {
            // Only bookkeeping: the order is closed as shipped.
        }
        else if (reaction.Undo && Cluster.NoCompensations)
        {
            Tracker.Abandon(saga, Now);
        }
        else
        {
            var outcome = await SagaRetries.RunAsync(reaction.Undo ? compensation : forward,
                static (c, s) => s.Self.AttemptAsync(s.Saga, s.Undo, c), (Self: this, Saga: saga, reaction.Undo), startedIn.Token).ConfigureAwait(false);
            if (startedIn != life)
            {
                return; // crashed meanwhile: the event was not acknowledged, so the broker delivers it again
            }
            if (outcome == StepOutcome.Error)
            {
                string reason = $"{Step.Compensation} failed {Cluster.CompensationAttempts} times";
                Log("stuck", $"Saga #{saga} is stuck at {Label}: {reason}; it needs a person");
                Tracker.CompensationStuck(saga, Step.Number, reason, Now);
            }
            next = outcome == StepOutcome.Done ? reaction.OnDone : reaction.OnRefused;
        }
        if (next is not null)
        {
            var key = (saga, SagaPattern.TopicNumber(next));
            if (outbox.TryAdd(key, next))
            {
                Publish(key);
            }
        }
        working.Remove((reaction.Topic == "order" ? SagaPattern.ShopId : reaction.Subscription, saga));
        acknowledge();
    }

    private ValueTask<Outcome<StepOutcome>> AttemptAsync(int saga, bool undo, ResilienceContext context)
    {
        var token = context.CancellationToken;
        if (!IsUp || token.IsCancellationRequested)
        {
            return ValueTask.FromResult(Outcome.FromException<StepOutcome>(new OperationCanceledException(token)));
        }
        if (undo)
        {
            Tracker.CompensationRunning(saga, Step.Number);
        }
        else
        {
            Tracker.StepRunning(saga, Step.Number);
        }
        // No RunContinuationsAsynchronously: the handling goes on here, on the simulation's thread.
        var completion = new TaskCompletionSource<Outcome<StepOutcome>>();
        var registration = token.UnsafeRegister(static (state, cancelled) =>
            ((TaskCompletionSource<Outcome<StepOutcome>>)state!).TrySetResult(Outcome.FromException<StepOutcome>(new OperationCanceledException(cancelled))), completion);
        Attempt(saga, undo, outcome =>
        {
            registration.Unregister();
            completion.TrySetResult(Outcome.FromResult(outcome));
        });
        return new ValueTask<Outcome<StepOutcome>>(completion.Task);
    }

    private void Publish((int Saga, int Topic) key)
    {
        if (publishing.Remove(key, out var old))
        {
            CancelTimer(old);
        }
        publishing[key] = StartTimer(Cluster.Settings.PublishTimeout, () => Publish(key));
        Send(BrokerNode.BrokerId, new PublishRequest(outbox[key], new MessageId(key.Saga, key.Topic), Poison: false));
    }

    private void Heartbeat()
    {
        foreach (var subscription in reactions.Keys)
        {
            Send(BrokerNode.BrokerId, new ConsumerReady(subscription, Cluster.Settings.Prefetch));
        }
        StartTimer(BrokerSettings.ConsumerHeartbeat, Heartbeat);
    }

    private static (int Saga, int Topic) Key(MessageId id) => (id.Key, (int)id.Sequence);
}

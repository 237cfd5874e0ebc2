using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Shared.EventStore;

/// <summary>
/// The event store as a node: writers and projectors reach it only with messages, and a crashed store answers
/// nothing. Its events are on disk: they survive a crash. A pattern derives from it to keep an inline view of what
/// the events mean (<see cref="OnAppended"/>) or to answer messages of its own (<see cref="OnOtherMessage"/>).
/// </summary>
public class EventStoreNode<TEvent> : SimulationNode
{
    public const string StoreId = "store";

    // Readers to wake when events are written; kept in memory only, as a live connection is.
    private readonly SortedSet<string> subscribers = new(StringComparer.Ordinal);
    // Requests waiting for the disk while a service time is set; lost in a crash, as a socket's backlog is.
    private readonly Queue<(string From, IMessage Message)> waiting = new();
    private TimeSpan serviceTime;
    private bool serving;

    public EventStoreNode(SimulationBase simulation, EventStreamStore<TEvent> store, string id = StoreId, string label = "Event store")
        : base(simulation, id, label)
    {
        Store = store;
    }

    /// <summary>The durable contents; tests and monitors read it directly, nodes only through messages.</summary>
    public EventStreamStore<TEvent> Store { get; }

    public long ReadsServed { get; private set; }

    public long EventsServed { get; private set; }

    public IReadOnlyCollection<string> Subscribers => subscribers;

    /// <summary>Requests the store holds at most while it is slow; more are dropped and their senders time out.</summary>
    public const int WaitingLimit = 256;

    /// <summary>
    /// How long the store takes per request, one at a time (a slow disk); zero serves each as it arrives. With a service
    /// time the store's throughput is bounded and requests queue up behind each other.
    /// </summary>
    public TimeSpan ServiceTime
    {
        get => serviceTime;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            serviceTime = value;
        }
    }

    /// <summary>Requests waiting to be served, the one being served included.</summary>
    public int Waiting => waiting.Count + (serving ? 1 : 0);

    /// <summary>Requests dropped because <see cref="WaitingLimit"/> were already waiting.</summary>
    public long Dropped { get; private set; }

    protected sealed override void OnMessage(string from, IMessage message)
    {
        if (serviceTime == TimeSpan.Zero && !serving)
        {
            Serve(from, message);
            return;
        }
        if (waiting.Count >= WaitingLimit)
        {
            Dropped++;
            return;
        }
        waiting.Enqueue((from, message));
        if (!serving)
        {
            ServeNext();
        }
    }

    private void ServeNext()
    {
        serving = true;
        StartTimer(serviceTime, () =>
        {
            serving = false;
            var (from, message) = waiting.Dequeue();
            Serve(from, message);
            if (waiting.Count > 0)
            {
                ServeNext();
            }
        });
    }

    private void Serve(string from, IMessage message)
    {
        switch (message)
        {
            case AppendRequest<TEvent> append:
                var result = Store.Append(append.StreamId, append.ExpectedVersion, append.Events, append.CommandId, Now);
                if (result.Written)
                {
                    OnAppended(Store.ReadStream(append.StreamId, result.ActualVersion - append.Events.Count + 1));
                    foreach (var subscriber in subscribers)
                    {
                        Send(subscriber, new StoreAdvanced(Store.HeadPosition));
                    }
                }
                else if (result.Outcome == AppendOutcome.Conflict)
                {
                    Log("conflict", $"{from} expected {append.StreamId} at v{result.ExpectedVersion}, it is at v{result.ActualVersion}: conflict");
                }
                Send(from, new AppendReply(append.RequestId, append.StreamId, result));
                break;
            case ReadStreamRequest read:
                var snapshot = read.UseSnapshot ? Store.SnapshotOf(read.StreamId) : null;
                var events = Store.ReadStream(read.StreamId, (snapshot?.Version ?? 0) + 1);
                ReadsServed++;
                EventsServed += events.Count;
                Send(from, new StreamSlice<TEvent>(read.RequestId, read.StreamId, snapshot, events, Store.VersionOf(read.StreamId), Store.IsArchived(read.StreamId)));
                break;
            case ReadAllRequest readAll:
                if (readAll.Subscribe)
                {
                    subscribers.Add(from);
                }
                var slice = Store.ReadAll(readAll.AfterPosition, readAll.Max, from);
                EventsServed += slice.Count;
                Send(from, new AllSlice<TEvent>(readAll.RequestId, slice, Store.HeadPosition));
                break;
            case SaveSnapshotRequest save:
                Store.SaveSnapshot(save.Snapshot);
                break;
            default:
                OnOtherMessage(from, message);
                break;
        }
    }

    protected override void OnCrash()
    {
        subscribers.Clear();
        waiting.Clear();
        serving = false;
    }

    /// <summary>Runs after events were written, with exactly those events.</summary>
    protected virtual void OnAppended(IReadOnlyList<StoredEvent<TEvent>> written)
    {
    }

    protected virtual void OnOtherMessage(string from, IMessage message)
    {
    }
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>
/// A writer: for each command it rebuilds the account from the store (latest snapshot plus the events after it),
/// decides against that state and appends with the version it read as the expected one. If someone wrote in between
/// the store answers with a conflict, and the teller reads again and decides again. An answer that never comes is
/// retried too; a retry first looks for its own command id in the stream, so a write that did happen is not repeated.
/// </summary>
public sealed class TellerNode(EventSourcingCluster cluster, string id, string label) : SimulationNode(cluster, id, label)
{
    public const int MaxAttempts = 5;
    /// <summary>How long a teller waits for the store with no network delay; six typical one-way delays are added to it.</summary>
    public static readonly TimeSpan BaseAnswerTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Between reading and appending a teller checks the command: the window in which another writer can get in first.</summary>
    public static readonly TimeSpan DecisionTime = TimeSpan.FromMilliseconds(40);

    private readonly Queue<TellerWork> forced = new();
    private TellerWork? work;
    private NodeTimer? timer;
    private long nextRequest = 1;
    private long pendingRequest;
    private int commands;

    public long Loads { get; private set; }

    public long Written { get; private set; }

    public long Conflicts { get; private set; }

    public long Retries { get; private set; }

    public long WrittenAfterRetry { get; private set; }

    public long GaveUp { get; private set; }

    public long Refused { get; private set; }

    public long Timeouts { get; private set; }

    public long CorruptSnapshotsDetected { get; private set; }

    /// <summary>The account being worked on, or null when idle.</summary>
    public string? Working => work?.AccountId;

    /// <summary>The last state this teller rebuilt, and whether it started from a snapshot; a monitor checks it against a full replay.</summary>
    public (AccountState State, bool FromSnapshot, long Serial)? LastLoad { get; private set; }

    public override void Start() => ScheduleNext();

    /// <summary>Runs this command next: now when idle, after the current one otherwise.</summary>
    public void Force(string accountId, AccountEvent command, string purpose)
    {
        forced.Enqueue(new TellerWork(accountId, NewCommandId(), command, purpose));
        if (work is null && IsUp)
        {
            CancelTimer(timer);
            Begin(forced.Dequeue());
        }
    }

    protected override void OnCrash()
    {
        work = null;
        forced.Clear();
        pendingRequest = 0;
    }

    protected override void OnRestart() => ScheduleNext();

    protected override void OnMessage(string from, IMessage message)
    {
        if (work is null)
        {
            return;
        }
        switch (message)
        {
            case StreamSlice<AccountEvent> slice when slice.RequestId == pendingRequest:
                Answered();
                OnSlice(work, slice);
                break;
            case AppendReply reply when reply.RequestId == pendingRequest:
                Answered();
                OnAppended(work, reply.Result);
                break;
            case RowReply row when row.RequestId == pendingRequest:
                Answered();
                OnRow(work, row.State);
                break;
            case RowUpdated updated when updated.RequestId == pendingRequest:
                Answered();
                Finish(work, wrote: true);
                break;
        }
    }

    private void ScheduleNext()
    {
        if (forced.Count > 0)
        {
            Begin(forced.Dequeue());
            return;
        }
        if (cluster.WriteRate <= 0)
        {
            return;
        }
        timer = StartTimer(Random.NextExponential(TimeSpan.FromSeconds(1 / cluster.WriteRate)), () =>
        {
            if (cluster.PickAccount(Random) is { } account)
            {
                Begin(new TellerWork(account, NewCommandId(), null, null));
            }
            else
            {
                ScheduleNext();
            }
        });
    }

    private string NewCommandId() => $"{Id}:{++commands}";

    private void Begin(TellerWork next)
    {
        work = next;
        Load(next);
    }

    private void Load(TellerWork current)
    {
        pendingRequest = nextRequest++;
        if (cluster.InPlace)
        {
            Send(EventStoreNode<AccountEvent>.StoreId, new ReadRowRequest(pendingRequest, current.AccountId));
        }
        else
        {
            // A retry reads the whole stream: its own earlier write may hide behind a newer snapshot otherwise.
            bool useSnapshot = cluster.SnapshotEvery > 0 && current.Attempt == 1 && !current.SkipSnapshot;
            Send(EventStoreNode<AccountEvent>.StoreId, new ReadStreamRequest(pendingRequest, current.AccountId, useSnapshot));
        }
        timer = StartTimer(cluster.AnswerTimeout, () => OnTimeout(current));
    }

    private void Answered()
    {
        pendingRequest = 0;
        CancelTimer(timer);
    }

    private void OnSlice(TellerWork current, StreamSlice<AccountEvent> slice)
    {
        if (slice.Archived)
        {
            Finish(current, wrote: false);
            return;
        }
        var start = AccountState.Empty(current.AccountId);
        if (slice.Snapshot is { } snapshot)
        {
            if (snapshot.State is not AccountState saved || Account.Checksum(saved) != snapshot.Checksum || saved.Version != snapshot.Version)
            {
                // A snapshot is only a cache of the events: a bad one is thrown away and the stream replayed from its first event.
                CorruptSnapshotsDetected++;
                cluster.NoteCorruptSnapshot(this, current.AccountId, snapshot.Version);
                current.SkipSnapshot = true;
                Load(current);
                return;
            }
            start = saved;
        }
        var state = Account.Replay(start, slice.Events.Select(e => e.Data));
        Loads++;
        LastLoad = (state, slice.Snapshot is not null, Loads);
        cluster.NoteLoad(slice.Events.Count, slice.Version, slice.Snapshot?.Version);
        if (current.Attempt > 1 && slice.Events.Any(e => e.CommandId == current.CommandId))
        {
            Log("retry", $"{Label} finds its command {current.CommandId} already in {current.AccountId}: not written twice");
            Finish(current, wrote: true);
            return;
        }
        Decide(current, state, events => Send(EventStoreNode<AccountEvent>.StoreId,
            new AppendRequest<AccountEvent>(pendingRequest = nextRequest++, current.AccountId, state.Version, events, current.CommandId)));
    }

    private void OnRow(TellerWork current, AccountState state) =>
        Decide(current, state, events =>
        {
            var updated = Account.Replay(state, events);
            Send(EventStoreNode<AccountEvent>.StoreId, new UpdateRowRequest(pendingRequest = nextRequest++, updated));
        });

    private void Decide(TellerWork current, AccountState state, Action<IReadOnlyList<AccountEvent>> write)
    {
        var command = current.Command ?? cluster.Decide(state, Random);
        if (command is null || Account.Refusal(state, command) is { } refusal && Refuse(current, refusal))
        {
            Finish(current, wrote: false);
            return;
        }
        current.Decided = command;
        current.ExpectedVersion = state.Version;
        current.StateBefore = state;
        timer = StartTimer(DecisionTime, () =>
        {
            write([command]);
            timer = StartTimer(cluster.AnswerTimeout, () => OnTimeout(current));
        });
    }

    private bool Refuse(TellerWork current, string refusal)
    {
        Refused++;
        Log("refused", $"{Label}: {current.Command?.Type ?? "command"} refused, {refusal}");
        return true;
    }

    private void OnAppended(TellerWork current, AppendResult result)
    {
        switch (result.Outcome)
        {
            case AppendOutcome.Written:
                Written++;
                if (current.Attempt > 1)
                {
                    WrittenAfterRetry++;
                }
                var after = Account.Apply(current.StateBefore!, current.Decided!);
                int every = cluster.SnapshotEvery;
                if (every > 0 && after.Version / every > current.ExpectedVersion / every)
                {
                    Send(EventStoreNode<AccountEvent>.StoreId, new SaveSnapshotRequest(new StreamSnapshot(after.Id, after.Version, after, Account.Checksum(after))));
                }
                cluster.NoteWritten(this, current, after);
                Finish(current, wrote: true);
                break;
            case AppendOutcome.Conflict:
                Conflicts++;
                cluster.NoteConflict(this, current.AccountId, result);
                Retry(current, $"conflict on {current.AccountId} (expected v{result.ExpectedVersion}, it is at v{result.ActualVersion})");
                break;
            default:
                Log("refused", $"{Label}: the store refused the append to {current.AccountId} ({result.Outcome.ToString().ToLowerInvariant()})");
                Refused++;
                Finish(current, wrote: false);
                break;
        }
    }

    private void OnTimeout(TellerWork current)
    {
        if (work != current)
        {
            return;
        }
        Timeouts++;
        pendingRequest = 0;
        Retry(current, $"no answer from the store about {current.AccountId}");
    }

    private void Retry(TellerWork current, string why)
    {
        if (current.Attempt >= MaxAttempts)
        {
            GaveUp++;
            Log("retry", $"{Label} gives up after {current.Attempt} attempts: {why}");
            Finish(current, wrote: false);
            return;
        }
        current.Attempt++;
        Retries++;
        Log("retry", $"{Label} reads {current.AccountId} again and retries (attempt {current.Attempt}): {why}");
        // A short random pause, so two writers that collided do not collide again in step.
        timer = StartTimer(Random.NextTime(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(60)), () => Load(current));
    }

    private void Finish(TellerWork current, bool wrote)
    {
        if (work != current)
        {
            return;
        }
        work = null;
        cluster.NoteFinished(current, wrote);
        ScheduleNext();
    }
}

/// <summary>One command a teller carries out, across its attempts.</summary>
public sealed class TellerWork(string accountId, string commandId, AccountEvent? command, string? purpose)
{
    public string AccountId { get; } = accountId;

    public string CommandId { get; } = commandId;

    /// <summary>A command fixed in advance (a fault's); null lets the teller decide from the state it reads.</summary>
    public AccountEvent? Command { get; } = command;

    /// <summary>Why a fault forced this command ("bad", "compensate", "contend"), or null for ordinary work.</summary>
    public string? Purpose { get; } = purpose;

    public int Attempt { get; set; } = 1;

    public bool SkipSnapshot { get; set; }

    public AccountEvent? Decided { get; set; }

    public long ExpectedVersion { get; set; }

    public AccountState? StateBefore { get; set; }
}

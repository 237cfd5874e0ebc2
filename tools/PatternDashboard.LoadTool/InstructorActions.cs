using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.LoadTool;

/// <summary>One instructor action: the node it aims at, whether that node is up afterwards, and when it was sent.</summary>
internal sealed record InstructorAction(int Index, string Target, bool TargetUpAfter, long SentAtMs);

/// <summary>
/// The instructor's side of a room run: every <see cref="Interval"/> it crashes one node, then restarts it, and
/// publishes each action so the viewers can time when their stream first shows it. It only acts while measuring,
/// and it uses the pattern's own "crash" and "restart" faults; a pattern without them gets no actions.
/// </summary>
internal sealed class InstructorActions(HubConnection instructor, string sessionId) : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private const string CrashFault = "crash";
    private const string RestartFault = "restart";

    private readonly CancellationTokenSource stop = new();
    private bool disposed;
    private InstructorAction? current;
    private Task? loop;

    /// <summary>The latest action sent, or null before the first.</summary>
    public InstructorAction? Current => Volatile.Read(ref current);

    public int Sent { get; private set; }

    /// <summary>Actions the server refused (for example a restart while the node was already up after a reset).</summary>
    public int Refused { get; private set; }

    /// <summary>The node to crash and restart, or null when the pattern has no crash and restart faults.</summary>
    public static async Task<string?> PickTargetAsync(HubConnection instructor, string sessionId, CancellationToken cancellationToken)
    {
        var faults = await instructor.InvokeAsync<List<FaultInfo>>("ListFaults", sessionId, cancellationToken);
        var crash = faults.FirstOrDefault(f => f.Id == CrashFault);
        bool canRestart = faults.Any(f => f.Id == RestartFault);
        // The first target is a cluster node (later ones may be clients, which have no lifecycle to crash).
        return crash?.Targets is { Count: > 0 } targets && canRestart ? targets[0] : null;
    }

    public void Start(string target) => loop = RunAsync(target);

    private async Task RunAsync(string target)
    {
        bool crash = true;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(Interval, stop.Token);
                var action = new InstructorAction(Sent, target, TargetUpAfter: !crash, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                // Published before the call returns: a viewer may see the effect before the answer comes back.
                Volatile.Write(ref current, action);
                Sent++;
                try
                {
                    await instructor.InvokeAsync<FaultInjected>("InjectFault", sessionId,
                        new FaultInput { FaultId = crash ? CrashFault : RestartFault, Target = target }, stop.Token);
                }
                catch (HubException)
                {
                    Refused++;
                }
                crash = !crash;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the actions; safe to call twice (the run stops them when measuring ends, then disposes).</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }
        stop.Dispose();
    }
}

/// <summary>
/// One viewer's record of instructor actions: the first update whose target node shows an action's effect gives
/// that action's delay (receive time minus send time). Each action is counted once per viewer.
/// </summary>
internal sealed class ActionWatch
{
    private int lastCounted = -1;

    /// <summary>
    /// The delay in ms when this update is the first to show <paramref name="action"/>, else null. An update
    /// published before the action was sent cannot show it, however late it arrives (server and tool share a clock).
    /// </summary>
    public long? Observe(InstructorAction? action, bool? targetUp, long publishedAtMs, long receivedAtMs)
    {
        if (action is null || targetUp is not { } up || action.Index <= lastCounted || up != action.TargetUpAfter
            || publishedAtMs < action.SentAtMs)
        {
            return null;
        }
        lastCounted = action.Index;
        return Math.Max(0, receivedAtMs - action.SentAtMs);
    }
}

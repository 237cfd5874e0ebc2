using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Hubs;

// Snapshots paced by the viewer. A pattern page in the browser reads and draws each snapshot; pushed ten a second,
// a slow device (or ten pages on one laptop) queued them and read every stale one before the newest, seconds late.
// Asked for one at a time, a page gets the newest state whenever it is ready for one, and never reads what it skips.
public sealed partial class SimulationHub
{
    /// <summary>
    /// The current snapshot, then, after each item the caller sends on <paramref name="ready"/>, the newest snapshot
    /// published since the last one sent (waiting for the next publish when none is newer). Asks sent while a snapshot
    /// is awaited count once. The stream ends when the caller ends <paramref name="ready"/> or cancels, or the session closes.
    /// </summary>
    public IAsyncEnumerable<SnapshotInfo> StreamSnapshotsWhenReady(string sessionId, IAsyncEnumerable<int> ready, CancellationToken cancellationToken) =>
        LoggingFailures(StreamWhenReadyCore(FoundSession(sessionId), ready, cancellationToken), nameof(StreamSnapshotsWhenReady), cancellationToken);

    private static async IAsyncEnumerable<SnapshotInfo> StreamWhenReadyCore(ISimulationSession session, IAsyncEnumerable<int> ready,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var asked = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        var reading = ReadAsksAsync(ready, asked.Writer, stop.Token);
        try
        {
            await using var states = session.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
            while (await states.MoveNextAsync())
            {
                yield return SnapshotInfo.Of(states.Current, session);
                if (!await WaitForAskAsync(asked.Reader, stop.Token))
                {
                    yield break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }

    /// <summary>False when the caller has ended its asks, or stopped.</summary>
    private static async Task<bool> WaitForAskAsync(ChannelReader<bool> asked, CancellationToken cancellationToken)
    {
        try
        {
            return await asked.WaitToReadAsync(cancellationToken) && asked.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task ReadAsksAsync(IAsyncEnumerable<int> ready, ChannelWriter<bool> asked, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in ready.WithCancellation(cancellationToken))
            {
                asked.TryWrite(true);
            }
        }
        catch (Exception)
        {
            // A caller's stream that breaks or is cancelled ends the asks, as one that completes does.
        }
        finally
        {
            asked.TryComplete();
        }
    }
}

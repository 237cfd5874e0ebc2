using System.Threading.Channels;

namespace PatternDashboard.Web.Sessions;

/// <summary>
/// What a watcher sends up <c>StreamSnapshotsWhenReady</c>: one item each time it is ready for the next snapshot.
/// Each stream of snapshots has its own stream of asks, so a stream started again after a lost connection gets a fresh one.
/// Asks made while one is still unsent count once, as the hub counts them.
/// </summary>
public sealed class ReadyAsks
{
    private Channel<int>? asks;

    /// <summary>Ends the asks of the stream before and gives the ones of the next.</summary>
    public IAsyncEnumerable<int> Restart(CancellationToken cancellationToken)
    {
        asks?.Writer.TryComplete();
        asks = Channel.CreateBounded<int>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        return asks.Reader.ReadAllAsync(cancellationToken);
    }

    public void Ask() => asks?.Writer.TryWrite(1);

    public void End() => asks?.Writer.TryComplete();
}

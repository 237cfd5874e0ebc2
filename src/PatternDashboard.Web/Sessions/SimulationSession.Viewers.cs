using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Sessions;

// Publishing: one state per publish interval, delivered to each viewer through its own one-slot channel.
public sealed partial class SimulationSession
{
    /// <summary>Raised after every publish, on the publishing thread; for tests that count publishes.</summary>
    internal event Action<SessionState>? StatePublished;

    // Set outside the gate by a viewer joining or leaving; the next tick turns it into a publish.
    private int viewersChanged;

    public async IAsyncEnumerable<SessionState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Published>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        AddViewer(channel);
        try
        {
            // Registered before reading Current, so no publish can fall between the two.
            var first = current;
            long last = first.Number;
            yield return first.State;
            while (!closed)
            {
                bool more;
                try
                {
                    more = await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    more = false;
                }
                if (!more)
                {
                    break;
                }
                while (channel.Reader.TryRead(out var next))
                {
                    if (next.Number > last)
                    {
                        last = next.Number;
                        yield return next.State;
                    }
                }
            }
        }
        finally
        {
            RemoveViewer(channel);
        }
    }

    /// <summary>Publishes the state as it is now, due or not; for tests that look between publishes.</summary>
    internal async Task<SessionState> PublishNowAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            PublishLocked();
            return current.State;
        }
        finally
        {
            gate.Release();
        }
    }

    private void PublishIfDueLocked()
    {
        // A viewer joining or leaving changes the count every state carries, even while the run is paused.
        if (Interlocked.Exchange(ref viewersChanged, 0) == 1)
        {
            dirty = true;
        }
        // A millisecond of slack so ticks at 60 Hz land on a 15-per-second beat instead of slipping a tick.
        if (dirty && time.GetElapsedTime(lastPublishTimestamp) >= publishInterval - TimeSpan.FromMilliseconds(1))
        {
            PublishLocked();
        }
    }

    /// <summary>Builds one state and hands it to every viewer; a viewer's unread state is replaced, never queued.</summary>
    private void PublishLocked()
    {
        PruneBranchedBookmarksLocked();
        NoteClockLocked();
        var published = new Published(++publishNumber, BuildStateLocked());
        current = published;
        lastPublishTimestamp = time.GetTimestamp();
        dirty = false;
        foreach (var viewer in Volatile.Read(ref viewers))
        {
            viewer.Writer.TryWrite(published);
        }
        StatePublished?.Invoke(published.State);
    }

    private SessionState BuildStateLocked() =>
        new(Id, simulation.CreateSnapshot(), status, speed, fastForwardProgress, simulation.Log.LastSequence, generation)
        {
            PublishedAt = time.GetUtcNow(),
        };

    private void AddViewer(Channel<Published> channel)
    {
        lock (viewersLock)
        {
            viewers = [.. viewers, channel];
        }
        Volatile.Write(ref viewersChanged, 1);
        Touch();
        if (closed)
        {
            channel.Writer.TryComplete();
        }
    }

    private void RemoveViewer(Channel<Published> channel)
    {
        lock (viewersLock)
        {
            viewers = Array.FindAll(viewers, v => v != channel);
        }
        Volatile.Write(ref viewersChanged, 1);
        Touch();
    }

    private sealed record Published(long Number, SessionState State);
}

using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace PatternDashboard.LoadTool;

/// <summary>
/// Counts the bytes the in-process server writes to its sockets (HTTP and WebSocket framing included, after
/// compression, TCP/IP headers excluded): what the viewers' network really carries.
/// </summary>
internal static class WireCounter
{
    private static long sent;

    /// <summary>Bytes written to every connection since the process started.</summary>
    public static long Sent => Interlocked.Read(ref sent);

    /// <summary>Kestrel connection middleware: every connection's output goes through a counting writer.</summary>
    public static ConnectionDelegate Count(ConnectionDelegate next) => connection =>
    {
        connection.Transport = new CountedPipe(connection.Transport);
        return next(connection);
    };

    private sealed class CountedPipe(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new CountedWriter(inner.Output);
    }

    private sealed class CountedWriter(PipeWriter inner) : PipeWriter
    {
        public override void Advance(int bytes)
        {
            Interlocked.Add(ref sent, bytes);
            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}

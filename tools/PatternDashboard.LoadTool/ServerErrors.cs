using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PatternDashboard.LoadTool;

/// <summary>Counts what the in-process app logs at error level or above (its unhandled exceptions), keeping the first few.</summary>
internal sealed class ServerErrors : ILoggerProvider
{
    private const int Kept = 5;
    private readonly ConcurrentQueue<string> first = new();
    private long count;

    public long Count => Interlocked.Read(ref count);

    public IReadOnlyList<string> First => [.. first];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        if (Interlocked.Increment(ref count) <= Kept)
        {
            first.Enqueue(entry);
        }
    }

    private sealed class Logger(ServerErrors errors, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Add($"{category}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
            }
        }
    }
}

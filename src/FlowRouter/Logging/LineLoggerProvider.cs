using System.Globalization;
using System.Text;
using System.Threading.Channels;
using FlowRouter.Core.Threading;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Logging;

/// <summary>
/// One line per log event on stdout, written by a background task through a buffered stream that is flushed whenever
/// the queue runs empty. The stock console logger writes and flushes each line on its own and blocks callers when
/// its queue is full; at thousands of requests per second that cost 20% of throughput (bench/RESULTS.md). A request
/// never waits for this logger: when the queue is full, lines are dropped and counted.
/// </summary>
internal sealed class LineLoggerProvider : ILoggerProvider
{
    private const int QueueCapacity = 100_000;

    /// <summary>Lines are gathered this long before a write, so a busy server wakes the writer ~50 times a second,
    /// not once per request.</summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(20);

    private readonly Channel<string> _lines;
    private readonly Task _writer;
    private long _dropped;

    public LineLoggerProvider(Stream output)
    {
        _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        _writer = BackgroundThread.Start("flowrouter-log", () => WriteLoop(output));
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    internal void Enqueue(string line) => _lines.Writer.TryWrite(line);

    /// <summary>Runs on its own low-priority thread (blocking waits are fine there).</summary>
    private void WriteLoop(Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024) { AutoFlush = false };
        while (_lines.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_lines.Reader.TryRead(out string? line))
            {
                writer.Write(line);
            }
            writer.Flush();
            if (!_lines.Reader.Completion.IsCompleted)
            {
                Thread.Sleep(GatherWindow);
            }
        }
    }

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(5));
    }

    private sealed class LineLogger(LineLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var line = new StringBuilder(256)
                .Append(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
                .Append(' ').Append(LevelName(logLevel)).Append(": ").Append(category)
                .Append('[').Append(eventId.Id).Append("] ")
                .Append(formatter(state, exception));
            if (exception is not null)
            {
                line.Append(' ').Append(exception.ToString().ReplaceLineEndings(" | "));
            }
            owner.Enqueue(line.Append('\n').ToString());
        }

        private static string LevelName(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}

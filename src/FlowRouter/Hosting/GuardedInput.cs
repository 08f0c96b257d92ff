using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace FlowRouter.Hosting;

/// <summary>
/// A connection's input as Kestrel reads it, watched once per byte for a Content-Length header whose value starts
/// with a sign: Kestrel's parser takes "+70" as 70 and the application only ever sees the number. A small state
/// machine over the stream (a vectorised search for the next line start in between), so a header split across reads
/// is still seen and nothing is scanned twice. It also notes the first request line's path, whose API decides the
/// error shape should Kestrel refuse that request before any middleware runs.
/// </summary>
internal sealed class GuardedInput(PipeReader inner, ConnectionGuard guard) : PipeReader
{
    /// <summary>A header line start and name, lower case; a value follows after optional spaces or tabs.</summary>
    private static ReadOnlySpan<byte> Pattern => "\ncontent-length:"u8;

    private ReadOnlySequence<byte> _buffer;
    private long _scanned;
    private int _state;
    private bool _firstLineSeen;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        // Most reads of a busy connection complete at once: no state machine for those.
        var pending = inner.ReadAsync(cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return WatchWhenReadAsync(pending);
        }
        var result = pending.Result;
        Watch(result.Buffer);
        return new ValueTask<ReadResult>(result);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> WatchWhenReadAsync(ValueTask<ReadResult> pending)
    {
        var result = await pending.ConfigureAwait(false);
        Watch(result.Buffer);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }
        Watch(result.Buffer);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        // What is left unconsumed starts the next buffer, and has been scanned already.
        _scanned = _buffer.Length - _buffer.Slice(_buffer.Start, consumed).Length;
        _buffer = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private void Watch(ReadOnlySequence<byte> buffer)
    {
        _buffer = buffer;
        if (!_firstLineSeen && !buffer.IsEmpty)
        {
            _firstLineSeen = true;
            guard.LastPath ??= RequestPath(buffer.FirstSpan);
        }
        if (buffer.Length <= _scanned)
        {
            return;
        }
        foreach (var segment in buffer.Slice(_scanned))
        {
            Scan(segment.Span);
        }
        _scanned = buffer.Length;
    }

    private void Scan(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (_state == 0)
            {
                int newline = bytes[i..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return;
                }
                i += newline + 1;
                _state = 1;
                continue;
            }
            Step(bytes[i++]);
        }
    }

    private void Step(byte b)
    {
        if (_state < Pattern.Length)
        {
            _state = (b | 0x20) == Pattern[_state] ? _state + 1 : b == (byte)'\n' ? 1 : 0;
            return;
        }
        if (b is (byte)' ' or (byte)'\t')
        {
            return; // optional whitespace before the value
        }
        if (b is (byte)'+' or (byte)'-')
        {
            guard.FlagLenientContentLength();
        }
        _state = b == (byte)'\n' ? 1 : 0;
    }

    /// <summary>"POST /v1/messages?x HTTP/1.1" → "/v1/messages" (at most 256 bytes looked at), or null.</summary>
    private static string? RequestPath(ReadOnlySpan<byte> start)
    {
        start = start[..Math.Min(start.Length, 256)];
        int space = start.IndexOf((byte)' ');
        if (space <= 0 || space + 1 >= start.Length || start[space + 1] != (byte)'/')
        {
            return null;
        }
        var target = start[(space + 1)..];
        int end = target.IndexOfAny(" ?\r\n"u8);
        return Encoding.ASCII.GetString(end < 0 ? target : target[..end]);
    }
}

using System.Text;
using FlowRouter.Core.Buffers;

namespace FlowRouter.Core.Sse;

/// <summary>
/// Reads Server-Sent Events from a byte stream as they arrive, one event per call, without buffering the stream
/// whole. Handles LF, CRLF and CR line endings (Gemini ends events with CRLF CRLF), events split across any read
/// boundary, comments and multi-line data. One event may hold at most <c>maxEventBytes</c> (a bigger one throws
/// <see cref="SseEventTooLargeException"/>), so an upstream cannot make the reader buffer without bound. Not
/// thread-safe; dispose to return its pooled buffers.
/// </summary>
public sealed class SseReader(Stream stream, int maxEventBytes = SseReader.DefaultMaxEventBytes) : IDisposable
{
    public const int DefaultMaxEventBytes = 16 * 1024 * 1024;

    /// <summary>The most bytes one event (with its field names and line ends) may take.</summary>
    public int MaxEventBytes => maxEventBytes;

    private const int InitialBufferBytes = 16 * 1024;

    private readonly Stream _stream = stream;
    private byte[] _buffer = ByteBuffers.Rent(InitialBufferBytes);
    private byte[]? _joinedData;
    private int _start;
    private int _end;
    private bool _streamEnded;

    /// <summary>True when the stream ended in the middle of an event (bytes after the last blank line).</summary>
    public bool EndedMidEvent { get; private set; }

    /// <summary>Reads the next event, or returns null at the end of the stream.</summary>
    public async ValueTask<SseEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryParseEvent(out var sseEvent))
            {
                return sseEvent;
            }
            if (_streamEnded)
            {
                EndedMidEvent = HasNonWhitespace(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                return null;
            }
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes the next event if it is already complete in the buffer, without touching the stream. A relay uses it to
    /// write events that arrived together with one flush instead of one flush (one send) each.
    /// </summary>
    public bool TryReadBuffered(out SseEvent sseEvent) => TryParseEvent(out sseEvent);

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        MakeRoom();
        int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _streamEnded = true;
        }
        _end += read;
    }

    /// <summary>Moves unread bytes to the front, growing the buffer when an event does not fit.</summary>
    private void MakeRoom()
    {
        int unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            _start = 0;
            _end = unread;
        }
        if (_end < _buffer.Length)
        {
            return;
        }
        if (_buffer.Length >= maxEventBytes)
        {
            throw new SseEventTooLargeException(maxEventBytes);
        }
        var bigger = ByteBuffers.Rent(Math.Min(_buffer.Length * 2, maxEventBytes));
        Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
        ByteBuffers.Return(_buffer);
        _buffer = bigger;
    }

    private bool TryParseEvent(out SseEvent sseEvent)
    {
        sseEvent = default;
        var span = _buffer.AsSpan(_start, _end - _start);
        int position = 0;
        int dataLines = 0;
        int firstDataStart = 0, firstDataLength = 0;
        string? eventType = null;
        while (true)
        {
            if (!TryReadLine(span[position..], out int lineLength, out int terminatorLength))
            {
                return false;
            }
            var line = span.Slice(position, lineLength);
            int lineStart = position;
            position += lineLength + terminatorLength;
            if (lineLength == 0)
            {
                if (dataLines == 0 && eventType is null && IsOnlyBlankLines(span[..lineStart]))
                {
                    continue; // stray blank lines between events are not events
                }
                sseEvent = BuildEvent(span[..position], position, dataLines, firstDataStart, firstDataLength, eventType);
                return true;
            }
            if (line.StartsWith("data"u8) && (line.Length == 4 || line[4] == (byte)':'))
            {
                int valueStart = FieldValueStart(line, 4);
                if (dataLines == 0)
                {
                    firstDataStart = lineStart + valueStart;
                    firstDataLength = lineLength - valueStart;
                }
                dataLines++;
            }
            else if (line.StartsWith("event:"u8))
            {
                eventType = Encoding.UTF8.GetString(line[FieldValueStart(line, 5)..]);
            }
        }
    }

    private SseEvent BuildEvent(ReadOnlySpan<byte> eventBytes, int length, int dataLines, int firstDataStart, int firstDataLength, string? eventType)
    {
        var raw = _buffer.AsMemory(_start, length);
        ReadOnlyMemory<byte> data = dataLines switch
        {
            0 => ReadOnlyMemory<byte>.Empty,
            1 => _buffer.AsMemory(_start + firstDataStart, firstDataLength),
            _ => JoinDataLines(eventBytes),
        };
        _start += length;
        return new SseEvent(raw, data, eventType, dataLines > 0);
    }

    /// <summary>Rare path: an event with several data lines; joins their values with LF as the SSE spec says.</summary>
    private ReadOnlyMemory<byte> JoinDataLines(ReadOnlySpan<byte> eventBytes)
    {
        if (_joinedData is null || _joinedData.Length < eventBytes.Length)
        {
            if (_joinedData is not null)
            {
                ByteBuffers.Return(_joinedData);
            }
            _joinedData = ByteBuffers.Rent(eventBytes.Length);
        }
        int written = 0;
        int position = 0;
        while (position < eventBytes.Length && TryReadLine(eventBytes[position..], out int lineLength, out int terminatorLength))
        {
            var line = eventBytes.Slice(position, lineLength);
            position += lineLength + terminatorLength;
            if (line.StartsWith("data"u8) && (line.Length == 4 || line[4] == (byte)':'))
            {
                if (written > 0)
                {
                    _joinedData[written++] = (byte)'\n';
                }
                var value = line[FieldValueStart(line, 4)..];
                value.CopyTo(_joinedData.AsSpan(written));
                written += value.Length;
            }
        }
        return _joinedData.AsMemory(0, written);
    }

    /// <summary>Finds the end of the first line; a CR at the very end waits for more bytes unless the stream ended.</summary>
    private bool TryReadLine(ReadOnlySpan<byte> span, out int lineLength, out int terminatorLength)
    {
        lineLength = span.IndexOfAny((byte)'\n', (byte)'\r');
        terminatorLength = 1;
        if (lineLength < 0)
        {
            return false;
        }
        if (span[lineLength] == (byte)'\r')
        {
            if (lineLength + 1 == span.Length && !_streamEnded)
            {
                return false;
            }
            if (lineLength + 1 < span.Length && span[lineLength + 1] == (byte)'\n')
            {
                terminatorLength = 2;
            }
        }
        return true;
    }

    /// <summary>Skips the field name, the colon and one optional space.</summary>
    private static int FieldValueStart(ReadOnlySpan<byte> line, int nameLength)
    {
        int start = Math.Min(nameLength + 1, line.Length);
        if (start < line.Length && line[start] == (byte)' ')
        {
            start++;
        }
        return start;
    }

    private static bool IsOnlyBlankLines(ReadOnlySpan<byte> span) => span.IndexOfAnyExcept((byte)'\r', (byte)'\n') < 0;

    private static bool HasNonWhitespace(ReadOnlySpan<byte> span) => span.IndexOfAnyExcept(" \t\r\n"u8) >= 0;

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ByteBuffers.Return(_buffer);
            _buffer = [];
        }
        if (_joinedData is not null)
        {
            ByteBuffers.Return(_joinedData);
            _joinedData = null;
        }
    }
}

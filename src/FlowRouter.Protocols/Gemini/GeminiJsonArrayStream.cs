using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Splits the body of streamGenerateContent without alt=sse — one JSON array of GenerateContentResponse chunks,
/// <c>[{…}\r\n,{…}]</c>, sent as the model produces them — into its element payloads as the bytes arrive, so a relay
/// hands each chunk to <see cref="GeminiStreamDecoder.DecodeChunk"/> without waiting for the closing bracket. The
/// split depends only on the bytes, never on where reads end (strings and escapes are tracked across calls). An
/// error answer that is a bare object rather than an array is passed on as a single element. One element may hold at
/// most <see cref="MaxElementBytes"/> (server.max_event_mb where the gateway reads one): an upstream cannot make it
/// buffer without bound.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It reads the streamGenerateContent JSON-array stream; it is not a System.IO.Stream, and the name is the one the gateway uses for that body.")]
public sealed class GeminiJsonArrayStream(int maxElementBytes = GeminiJsonArrayStream.DefaultMaxElementBytes)
{
    public const int DefaultMaxElementBytes = 16 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _element = new(4096);
    private State _state;
    private int _depth;
    private bool _inString;
    private bool _escape;
    private bool _singleObject;

    private enum State
    {
        Start,
        BeforeElement,
        InElement,
        AfterElement,
        Done,
    }

    /// <summary>The most bytes one array element may take.</summary>
    public int MaxElementBytes => maxElementBytes;

    /// <summary>True once the closing bracket (or the end of a bare top-level object) was read.</summary>
    public bool IsComplete => _state == State.Done;

    /// <summary>True when bytes of an element have arrived but not its end.</summary>
    public bool HasPartialElement => _state == State.InElement;

    /// <summary>Consumes <paramref name="bytes"/>, adding each element completed by them to <paramref name="elements"/>.</summary>
    public void Append(ReadOnlySpan<byte> bytes, List<byte[]> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        int runStart = _state == State.InElement ? 0 : -1;
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (_state == State.InElement)
            {
                if (Scan(b))
                {
                    Keep(bytes[runStart..(i + 1)]);
                    elements.Add(_element.WrittenSpan.ToArray());
                    _element.Clear();
                    _state = _singleObject ? State.Done : State.AfterElement;
                    runStart = -1;
                }
                continue;
            }
            if (IsWhitespace(b))
            {
                continue;
            }
            if (Frame(b))
            {
                runStart = i;
            }
        }
        if (_state == State.InElement && runStart >= 0)
        {
            Keep(bytes[runStart..]);
        }
    }

    private void Keep(ReadOnlySpan<byte> run)
    {
        if (_element.WrittenCount + run.Length > maxElementBytes)
        {
            throw new GeminiFormatException(null, $"a stream chunk is larger than {maxElementBytes / (1024 * 1024)} MB");
        }
        _element.Write(run);
    }

    /// <summary>Handles a structural byte outside an element; true when it starts one.</summary>
    private bool Frame(byte b)
    {
        switch (_state)
        {
            case State.Start when b == (byte)'[':
                _state = State.BeforeElement;
                return false;
            case State.Start when b == (byte)'{':
                _singleObject = true;
                return Begin();
            case State.BeforeElement when b == (byte)'{':
                return Begin();
            case State.BeforeElement or State.AfterElement when b == (byte)']':
                _state = State.Done;
                return false;
            case State.AfterElement when b == (byte)',':
                _state = State.BeforeElement;
                return false;
            default:
                throw new GeminiFormatException(null, $"the stream body is not a JSON array of objects (unexpected '{(char)b}')");
        }
    }

    private bool Begin()
    {
        _state = State.InElement;
        _depth = 1;
        _inString = false;
        _escape = false;
        return true;
    }

    /// <summary>Tracks one byte inside an element; true when it closes the element.</summary>
    private bool Scan(byte b)
    {
        if (_inString)
        {
            if (_escape)
            {
                _escape = false;
            }
            else if (b == (byte)'\\')
            {
                _escape = true;
            }
            else if (b == (byte)'"')
            {
                _inString = false;
            }
            return false;
        }
        switch (b)
        {
            case (byte)'"':
                _inString = true;
                return false;
            case (byte)'{' or (byte)'[':
                _depth++;
                return false;
            case (byte)'}' or (byte)']':
                return --_depth == 0;
            default:
                return false;
        }
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t';
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace FlowRouter.Protocols.Json;

/// <summary>
/// What <see cref="Utf8JsonReader"/> leaves unchecked until a string is decoded: invalid UTF-8 inside strings and
/// \uXXXX escapes that leave a UTF-16 surrogate unpaired (both throw InvalidOperationException from GetString, long
/// after the body was accepted), plus one depth limit for every client body. The request scanners run this once on
/// the raw body, so nothing downstream (readers, transforms, tier signals, re-parses with default options) can meet
/// such text or nesting.
/// </summary>
public static class JsonTextCheck
{
    /// <summary>
    /// The deepest nesting a client body may have: System.Text.Json's own default, so every later parse of the body
    /// or of a raw piece of it (JsonDocument, JsonNode, Utf8JsonWriter.WriteRawValue) accepts what the scanner accepted.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Null when every string in <paramref name="json"/> decodes; else why not, with the byte offset (never the text:
    /// the message reaches the request log). Outside strings, anything but ASCII is a syntax error the reader reports.
    /// </summary>
    public static string? Find(ReadOnlySpan<byte> json)
    {
        // One vectorised pass for the whole body: the bytes outside strings must be ASCII anyway.
        if (!Utf8.IsValid(json))
        {
            return "the bytes at offset " + Offset(FirstInvalidUtf8(json)) + " are not valid UTF-8";
        }
        // Only \u escapes can leave a surrogate unpaired: a two-byte vectorised search, then the backslashes before
        // the hit tell an escape from an escaped backslash followed by 'u'.
        int offset = 0;
        while (offset < json.Length)
        {
            int hit = json[offset..].IndexOf("\\u"u8);
            if (hit < 0)
            {
                return null;
            }
            int at = offset + hit;
            if (!StartsEscape(json, at) || !TryReadEscapedUnit(json, at, out int unit))
            {
                offset = at + 2; // "\\u…", or a malformed escape the reader itself rejects
                continue;
            }
            if (char.IsLowSurrogate((char)unit)
                || (char.IsHighSurrogate((char)unit) && !(TryReadEscapedUnit(json, at + 6, out int low) && char.IsLowSurrogate((char)low))))
            {
                return "the escape at offset " + Offset(at) + " leaves a UTF-16 surrogate unpaired (" + Encoding.ASCII.GetString(json.Slice(at, 6)) + ")";
            }
            offset = at + (char.IsHighSurrogate((char)unit) ? 12 : 6);
        }
        return null;
    }

    /// <summary>True when the backslash at <paramref name="at"/> ends an odd run: it escapes what follows.</summary>
    private static bool StartsEscape(ReadOnlySpan<byte> json, int at)
    {
        int run = 0;
        for (int i = at; i >= 0 && json[i] == (byte)'\\'; i--)
        {
            run++;
        }
        return run % 2 == 1;
    }

    /// <summary>
    /// Why a reader with <see cref="MaxDepth"/> threw: too deep, a repeated member name, or a syntax error at a line and
    /// byte (the reader's own message can quote the body). <paramref name="depth"/> and <paramref name="consumed"/> are the reader's state when it threw.
    /// </summary>
    public static string Describe(JsonException exception, ReadOnlySpan<byte> json, int depth, long consumed)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // The reader's public depth is one less on a start token than inside it: the last token read was the
        // 64th opening bracket, or a property name inside it.
        if (depth >= MaxDepth - 1 && OpensContainer(json, consumed))
        {
            return "it nests deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels";
        }
        // Only the message tells a repeated name (AllowDuplicateProperties = false) from a syntax error; under AOT it
        // is a resource key, which names it too.
        if (exception.Message.Contains("uplicate", StringComparison.Ordinal))
        {
            return "a member name appears twice in one object";
        }
        long line = (exception.LineNumber ?? 0) + 1, column = (exception.BytePositionInLine ?? 0) + 1;
        return "syntax error at line " + line.ToString(CultureInfo.InvariantCulture) + ", byte " + column.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when the next token after <paramref name="offset"/> starts an object or array (the one too deep).</summary>
    private static bool OpensContainer(ReadOnlySpan<byte> json, long offset)
    {
        for (long i = offset; i < json.Length; i++)
        {
            switch (json[(int)i])
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)':' or (byte)',':
                    continue;
                case (byte)'{' or (byte)'[':
                    return true;
                default:
                    return false;
            }
        }
        return false;
    }

    /// <summary>Reads \uXXXX at <paramref name="at"/>; false for any other escape or too few hex digits.</summary>
    private static bool TryReadEscapedUnit(ReadOnlySpan<byte> json, int at, out int unit)
    {
        unit = 0;
        if (at + 6 > json.Length || json[at] != (byte)'\\' || json[at + 1] != (byte)'u')
        {
            return false;
        }
        for (int i = at + 2; i < at + 6; i++)
        {
            int digit = HexValue(json[i]);
            if (digit < 0)
            {
                return false;
            }
            unit = (unit << 4) | digit;
        }
        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>Only on the failure path: where the first undecodable sequence starts.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> json)
    {
        int offset = 0;
        while (offset < json.Length)
        {
            if (Rune.DecodeFromUtf8(json[offset..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return offset;
    }

    private static string Offset(int offset) => offset.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Makes tool-call ids acceptable to Anthropic, which requires tool_use ids to match ^[a-zA-Z0-9_-]+$ while other
/// providers send ids with dots, colons or nothing at all (OpenAI's legacy function calls). The mapping is
/// deterministic (the same id always gives the same result, so a call and its result stay paired across turns
/// without any state) and reversible: every byte outside the allowed set becomes <c>_xHH_</c> (its UTF-8 value in
/// hex), and an id that already contains something looking like an escape has that underscore escaped too. Every
/// valid id without such a sequence — all of Anthropic's own toolu_… ids — maps to itself.
/// </summary>
public static class ToolIdMapper
{
    private const string EmptyId = "_x_";

    public static string Encode(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0)
        {
            return EmptyId;
        }
        if (IsPlain(id))
        {
            return id;
        }
        var builder = new StringBuilder(id.Length + 8);
        byte[] bytes = Encoding.UTF8.GetBytes(id);
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            bool escapeUnderscore = b == (byte)'_' && (LooksLikeEscape(bytes, i) || id == EmptyId);
            if (IsAllowed(b) && !escapeUnderscore)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append("_x").Append(b.ToString("X2", CultureInfo.InvariantCulture)).Append('_');
            }
        }
        return builder.ToString();
    }

    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded == EmptyId)
        {
            return "";
        }
        if (!encoded.Contains("_x", StringComparison.Ordinal))
        {
            return encoded;
        }
        var bytes = new List<byte>(encoded.Length);
        for (int i = 0; i < encoded.Length; i++)
        {
            if (IsEscapeAt(encoded, i))
            {
                bytes.Add(byte.Parse(encoded.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
            }
            else
            {
                bytes.Add((byte)encoded[i]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>True when <paramref name="id"/> is valid for Anthropic and needs no escaping to stay reversible.</summary>
    public static bool IsPlain(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0 || id == EmptyId)
        {
            return false;
        }
        for (int i = 0; i < id.Length; i++)
        {
            if (id[i] > 0x7F || !IsAllowed((byte)id[i]) || IsEscapeAt(id, i))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsAllowed(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'-';

    private static bool LooksLikeEscape(byte[] bytes, int i) =>
        i + 4 < bytes.Length && bytes[i + 1] == (byte)'x' && IsHex(bytes[i + 2]) && IsHex(bytes[i + 3]) && bytes[i + 4] == (byte)'_';

    private static bool IsEscapeAt(string text, int i) =>
        i + 4 < text.Length && text[i] == '_' && text[i + 1] == 'x' && text[i + 2] < 0x80 && IsHex((byte)text[i + 2])
        && text[i + 3] < 0x80 && IsHex((byte)text[i + 3]) && text[i + 4] == '_';

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F') or (>= (byte)'a' and <= (byte)'f');
}

using System.Text;
using System.Text.Json;

namespace FlowRouter.Logging;

/// <summary>
/// Takes the client's own words out of a message before it reaches the log or the request log. Upstreams quote the
/// request in their error messages ("Invalid value '…'", a whole prompt echoed by a validation error), and so do
/// some of FlowRouter's own parse errors; the client sees such a message as it is, but the log keeps only the rest.
/// Any run of at least <see cref="MinRun"/> characters of the message that also occurs inside one of the request's
/// JSON string values (decoded, so escapes in the body do not hide a match) becomes "[…]". The top-level "model"
/// value is not counted as request text: it is not a prompt, and it is logged in its own column anyway.
/// Runs only for requests that failed, and in one pass over the request's text (rolling hash), so a stream of
/// failing requests with large bodies costs linear time, never message × body.
/// </summary>
internal static class PromptRedactor
{
    /// <summary>Shorter runs are too often ordinary words shared by a message and a prompt.</summary>
    public const int MinRun = 12;

    private const string Marker = "[…]";
    private const ulong Base = 1_000_003;

    /// <summary><paramref name="message"/> with the runs it shares with the request body replaced.</summary>
    public static string Redact(string message, ReadOnlySpan<byte> requestBody)
    {
        if (message.Length < MinRun || requestBody.IsEmpty)
        {
            return message;
        }
        var grams = Grams(message);
        var shared = new bool[message.Length];
        bool any = false;
        foreach (string text in RequestTexts(requestBody))
        {
            any |= Mark(message, text, grams, shared);
        }
        return any ? Rewrite(message, shared) : message;
    }

    /// <summary>Every window of <see cref="MinRun"/> characters of the message, by rolling hash, with its start positions.</summary>
    private static Dictionary<ulong, List<int>> Grams(string message)
    {
        var grams = new Dictionary<ulong, List<int>>();
        ulong hash = 0;
        ulong top = Power();
        for (int i = 0; i < message.Length; i++)
        {
            hash = Roll(hash, top, i >= MinRun ? message[i - MinRun] : '\0', message[i], i >= MinRun);
            if (i >= MinRun - 1)
            {
                int start = i - MinRun + 1;
                if (!grams.TryGetValue(hash, out var starts))
                {
                    grams[hash] = starts = [];
                }
                starts.Add(start);
            }
        }
        return grams;
    }

    /// <summary>Marks the message positions covered by a window that also occurs in <paramref name="text"/>.</summary>
    private static bool Mark(string message, string text, Dictionary<ulong, List<int>> grams, bool[] shared)
    {
        bool any = false;
        ulong hash = 0;
        ulong top = Power();
        for (int i = 0; i < text.Length; i++)
        {
            hash = Roll(hash, top, i >= MinRun ? text[i - MinRun] : '\0', text[i], i >= MinRun);
            if (i < MinRun - 1 || !grams.TryGetValue(hash, out var starts))
            {
                continue;
            }
            var window = text.AsSpan(i - MinRun + 1, MinRun);
            foreach (int start in starts)
            {
                if (window.SequenceEqual(message.AsSpan(start, MinRun)))
                {
                    Array.Fill(shared, true, start, MinRun);
                    any = true;
                }
            }
        }
        return any;
    }

    private static ulong Roll(ulong hash, ulong top, char leaving, char entering, bool full) =>
        (full ? hash - leaving * top : hash) * Base + entering;

    /// <summary>Base^(MinRun−1): the weight of the character that leaves the window.</summary>
    private static ulong Power()
    {
        ulong power = 1;
        for (int i = 1; i < MinRun; i++)
        {
            power *= Base;
        }
        return power;
    }

    private static string Rewrite(string message, bool[] shared)
    {
        var result = new StringBuilder(message.Length);
        for (int i = 0; i < message.Length; i++)
        {
            if (!shared[i])
            {
                result.Append(message[i]);
            }
            else if (i == 0 || !shared[i - 1])
            {
                result.Append(Marker);
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// The request's string values long enough to hold a run; when the body is not JSON (the reason it failed), the
    /// body's text itself.
    /// </summary>
    private static List<string> RequestTexts(ReadOnlySpan<byte> body)
    {
        var texts = new List<string>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            bool modelValue = false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    modelValue = reader.CurrentDepth == 1 && reader.ValueTextEquals("model"u8);
                }
                else if (reader.TokenType == JsonTokenType.String && !modelValue && reader.ValueSpan.Length >= MinRun)
                {
                    texts.Add(reader.GetString()!);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            texts.Add(Encoding.UTF8.GetString(body));
        }
        return texts;
    }
}

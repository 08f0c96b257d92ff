using System.Text;

namespace FlowRouter.TestKit.Fuzz;

/// <summary>
/// Deterministic request-body mutations for the input fuzz test: body number <c>i</c> of a run with seed <c>s</c>
/// is always the same bytes (its own <see cref="Random"/> from s and i, so bodies can be made in parallel). Each body
/// is a recorded request with one to three mutations, at the JSON level (change a value's type, huge numbers, deep
/// nesting, drop or duplicate a member, a wrong value for a field the gateway reads) and at the byte level (flip,
/// delete, insert, truncate, duplicate a range, invalid UTF-8, unpaired surrogate escapes).
/// </summary>
public sealed class BodyMutator(IReadOnlyList<byte[]> seeds, int runSeed)
{
    /// <summary>Names the gateway or a codec reads somewhere in one of the four request formats.</summary>
    private static readonly string[] KnownFields =
    [
        "model", "messages", "stream", "stream_options", "include_usage", "max_tokens", "max_completion_tokens",
        "max_output_tokens", "temperature", "top_p", "top_k", "stop", "stop_sequences", "seed", "tools", "tool_choice",
        "functions", "function_call", "parallel_tool_calls", "response_format", "json_schema", "schema", "reasoning",
        "reasoning_effort", "effort", "thinking", "budget_tokens", "text", "format", "input", "instructions",
        "previous_response_id", "store", "metadata", "user", "system", "content", "role", "type", "name", "arguments",
        "tool_calls", "tool_call_id", "id", "call_id", "output", "parameters", "input_schema", "image_url", "url",
        "source", "data", "media_type", "cache_control", "contents", "parts", "systemInstruction", "generationConfig",
        "maxOutputTokens", "responseSchema", "responseMimeType", "responseJsonSchema", "thinkingConfig",
        "thinkingBudget", "functionCall", "functionResponse", "functionDeclarations", "toolConfig",
        "functionCallingConfig", "mode", "allowedFunctionNames", "inlineData", "mimeType", "generateContentRequest",
        "signature", "thoughtSignature", "encrypted_content", "summary", "candidateCount", "topK", "topP",
    ];

    private static readonly string[] OddValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "\"\"", "\"x\"", "[]", "{}", "[null]", "[{}]", "[[[]]]", "{\"type\":1}",
        "\"\\ud800\"", "2147483648", "-2147483649", "9223372036854775808", "1e400", "-1e400", "[1,\"a\",null,{}]",
    ];

    private static readonly string[] OddNumbers =
    [
        "1e400", "-1e400", "1e308", "-1e308", "123456789012345678901234567890", "-0", "0.5", "4294967296",
        "-2147483649", "1E+2", "9223372036854775808", "-9223372036854775809", "0.0000000000000000000000001", "1e-400",
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static readonly string[] SurrogateEscapes = ["\\ud800", "\\udc00", "\\ud800\\u0041", "\\uDBFF", "\\udfff\\ud800", "\\ud83d"];

    /// <summary>The mutation kinds, for the run summary.</summary>
    public static readonly string[] Kinds =
    [
        "flip", "delete", "insert", "truncate", "duplicate-range", "invalid-utf8", "surrogate", "control-bytes",
        "change-type", "huge-number", "deep-nesting", "drop-member", "duplicate-member", "wrong-known-field", "long-string",
    ];

    /// <summary>Body number <paramref name="index"/>, with the mutation kinds applied to it.</summary>
    public (byte[] Body, List<string> Applied) Make(int index)
    {
        var random = new Random(unchecked(runSeed * 1_000_003 + index));
        byte[] body = seeds[random.Next(seeds.Count)];
        var applied = new List<string>();
        int count = 1 + random.Next(3);
        bool jsonFirst = random.Next(10) < 7;
        for (int i = 0; i < count; i++)
        {
            // JSON-level changes need well-formed input: they come first, byte-level ones after.
            bool json = jsonFirst && i < (count == 1 ? 1 : count - 1);
            string kind = json ? Kinds[8 + random.Next(7)] : Kinds[random.Next(8)];
            var next = json ? MutateJson(body, kind, random) : MutateBytes(body, kind, random);
            if (next is null)
            {
                kind = Kinds[random.Next(8)];
                next = MutateBytes(body, kind, random)!;
            }
            body = next;
            applied.Add(kind);
        }
        return (body, applied);
    }

    /// <summary>Replaces the top-level "model" value (a seed's own model would not route).</summary>
    public static byte[] WithModel(byte[] body, string model)
    {
        var member = JsonMember.All(body).Find(m => m.Name == "model" && m.Kind == System.Text.Json.JsonTokenType.String);
        return member.ValueEnd == 0 ? body : Replace(body, member.Value, Encoding.UTF8.GetBytes("\"" + model + "\""));
    }

    private static byte[]? MutateBytes(byte[] body, string kind, Random random)
    {
        if (body.Length == 0)
        {
            return [(byte)'{'];
        }
        int at = random.Next(body.Length);
        switch (kind)
        {
            case "flip":
                var flipped = (byte[])body.Clone();
                for (int i = 0, n = 1 + random.Next(4); i < n; i++)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }
                return flipped;
            case "delete":
                return Replace(body, new Range(at, Math.Min(body.Length, at + 1 + random.Next(64))), []);
            case "insert":
                var noise = new byte[1 + random.Next(16)];
                random.NextBytes(noise);
                return Replace(body, new Range(at, at), noise);
            case "truncate":
                return body[..at];
            case "duplicate-range":
                int length = Math.Min(body.Length - at, 1 + random.Next(256));
                int to = random.Next(body.Length + 1);
                return Replace(body, new Range(to, to), body.AsSpan(at, length));
            case "invalid-utf8":
                return Replace(body, InsideString(body, random), BadUtf8[random.Next(BadUtf8.Length)]);
            case "surrogate":
                return Replace(body, InsideString(body, random), Encoding.ASCII.GetBytes(SurrogateEscapes[random.Next(SurrogateEscapes.Length)]));
            default: // control-bytes: NUL, raw control characters or a BOM
                byte[][] odd = [[0], [0x01], [(byte)'\n'], [0x1F], [0xEF, 0xBB, 0xBF], [(byte)'\\']];
                return Replace(body, random.Next(4) == 0 ? new Range(0, 0) : InsideString(body, random), odd[random.Next(odd.Length)]);
        }
    }

    private static byte[]? MutateJson(byte[] body, string kind, Random random)
    {
        List<JsonMember> members;
        try
        {
            members = JsonMember.All(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        if (members.Count == 0)
        {
            return null;
        }
        var member = members[random.Next(members.Count)];
        switch (kind)
        {
            case "change-type":
                return Replace(body, member.Value, Ascii(OddValues[random.Next(OddValues.Length)]));
            case "huge-number":
                var numbers = members.FindAll(m => m.Kind == System.Text.Json.JsonTokenType.Number);
                var target = numbers.Count > 0 && random.Next(3) > 0 ? numbers[random.Next(numbers.Count)] : member;
                return Replace(body, target.Value, Ascii(OddNumbers[random.Next(OddNumbers.Length)]));
            case "deep-nesting":
                int[] depths = [62, 63, 64, 65, 66, 100, 255, 256, 257, 1000];
                int depth = depths[random.Next(depths.Length)];
                bool arrays = random.Next(2) == 0;
                var nested = new StringBuilder();
                nested.Insert(0, arrays ? "[" : "{\"a\":", depth).Append('1').Append(arrays ? ']' : '}', depth);
                return Replace(body, member.Value, Ascii(nested.ToString()));
            case "drop-member":
                return member.NameStart < 0 && member.ValueStart == 0 ? Ascii("{}") : DropMember(body, member);
            case "duplicate-member":
                var named = members.FindAll(m => m.NameStart >= 0);
                if (named.Count == 0)
                {
                    return null;
                }
                var copy = named[random.Next(named.Count)];
                return Replace(body, new Range(copy.NameStart, copy.NameStart), [.. body.AsSpan(copy.Whole), (byte)',']);
            case "wrong-known-field":
                return WrongKnownField(body, members, random);
            default: // long-string
                var strings = members.FindAll(m => m.Kind == System.Text.Json.JsonTokenType.String);
                var longTarget = strings.Count > 0 ? strings[random.Next(strings.Count)] : member;
                int length = random.Next(4) == 0 ? 1 + random.Next(200_000) : 1 + random.Next(4096); // a long run, sometimes very long
                return Replace(body, longTarget.Value, Ascii("\"" + new string((char)('a' + random.Next(26)), length) + "\""));
        }
    }

    /// <summary>A known field gets an odd value: one the body has, or one added to the top-level object.</summary>
    private static byte[] WrongKnownField(byte[] body, List<JsonMember> members, Random random)
    {
        string value = OddValues[random.Next(OddValues.Length)];
        var known = members.FindAll(m => m.Name is not null && Array.IndexOf(KnownFields, m.Name) >= 0);
        if (known.Count > 0 && random.Next(3) > 0)
        {
            return Replace(body, known[random.Next(known.Count)].Value, Ascii(value));
        }
        if (members[0].Kind != System.Text.Json.JsonTokenType.StartObject)
        {
            return Replace(body, members[0].Value, Ascii(value));
        }
        string field = "\"" + KnownFields[random.Next(KnownFields.Length)] + "\":" + value + (members.Count > 1 ? "," : "");
        return Replace(body, new Range(members[0].ValueStart + 1, members[0].ValueStart + 1), Ascii(field));
    }

    /// <summary>Removes a member and one comma next to it, so the rest stays well-formed.</summary>
    private static byte[] DropMember(byte[] body, JsonMember member)
    {
        int start = member.Whole.Start.Value, end = member.ValueEnd;
        int after = end;
        while (after < body.Length && body[after] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            after++;
        }
        if (after < body.Length && body[after] == (byte)',')
        {
            return Replace(body, new Range(start, after + 1), []);
        }
        int before = start - 1;
        while (before >= 0 && body[before] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            before--;
        }
        return Replace(body, new Range(before >= 0 && body[before] == (byte)',' ? before : start, end), []);
    }

    /// <summary>A position just inside a string token (or anywhere, when the body has none that parse).</summary>
    private static Range InsideString(byte[] body, Random random)
    {
        try
        {
            var strings = JsonMember.All(body).FindAll(m => m.Kind == System.Text.Json.JsonTokenType.String && m.ValueEnd - m.ValueStart >= 2);
            if (strings.Count > 0)
            {
                var s = strings[random.Next(strings.Count)];
                int at = s.ValueStart + 1 + random.Next(s.ValueEnd - s.ValueStart - 1);
                return new Range(at, at);
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // an already broken body: anywhere will do
        }
        int anywhere = random.Next(body.Length + 1);
        return new Range(anywhere, anywhere);
    }

    private static byte[] Ascii(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Replace(byte[] body, Range range, ReadOnlySpan<byte> with)
    {
        var (offset, length) = range.GetOffsetAndLength(body.Length);
        return [.. body.AsSpan(0, offset), .. with, .. body.AsSpan(offset + length)];
    }
}

using System.Text;
using System.Text.Json;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// JSON documents and JSON lines. Minified (whitespace between tokens only; every key, string and number stays in
/// its original escaped form and order). Repeated shapes are collapsed without dropping anything: three or more
/// array elements in a row that are objects with the same keys become <c>{"k1","k2"}=[[v1,v2],[v1,v2]]</c>, and an
/// object whose values are all objects with the same keys becomes <c>{"k1","k2"}={"name":[v1,v2],…}</c>; objects of
/// three or more keys whose shape is written out key by key four times or more elsewhere get a name, <c>#1[v1,v2,v3]</c>,
/// defined once in the legend (<c>#1={"op","path","value"}</c>); an object or array that occurs again word for word is
/// written once, marked <c>&amp;1</c>, and its repeats <c>*1</c> (<see cref="JsonRepeats"/>); the legend line on top
/// says what each form means.
/// Text after the JSON (a tool's warnings) and npm's <c>npm error</c> lines before it are kept as they are. A
/// JavaScript object literal as node prints it (<c>node -p process.config</c>) loses the whitespace outside its strings
/// (<see cref="JsLiteral"/>). Anything else: passed through.
/// </summary>
internal static class JsonCompressor
{
    public const int MinRun = 3;

    /// <summary>A shape written key by key this often gets a name instead.</summary>
    public const int MinNamed = 4;

    /// <summary>Only shapes of this many keys are named: a two-key object reads better as it is than as a reference.</summary>
    public const int MinNamedKeys = 3;

    // Each form is explained only when the output uses it: a legend clause costs as much as a few rows.
    private const string RowsLegend = "{\"k1\",\"k2\"}=[[v1,v2],…] is [{\"k1\":v1,\"k2\":v2},…]";

    private const string MapLegend = "{\"k1\",\"k2\"}={\"n\":[v1,v2],…} is {\"n\":{\"k1\":v1,\"k2\":v2},…}";

    private const string RepeatLegend = "; *N is the same value as the one marked &N";

    public static string? Compress(string text)
    {
        // npm prints its "npm error"/"npm warn" lines before the JSON on stderr: they stay as they are, above it.
        int jsonStart = ToolNotesEnd(text);
        if (jsonStart > 0)
        {
            return Compress(text[jsonStart..]) is { } json ? text[..jsonStart] + json : null;
        }
        ReadOnlySpan<char> start = text.AsSpan().TrimStart();
        if (start.IsEmpty || (start[0] != '{' && start[0] != '['))
        {
            return null;
        }
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var values = new List<JsonNode>();
        int consumed = 0;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 1000 });
            while (reader.Read())
            {
                values.Add(ReadValue(ref reader));
                consumed = (int)reader.BytesConsumed;
            }
        }
        catch (JsonException)
        {
            if (values.Count == 0)
            {
                return JsLiteral.IsLiteral(text) ? JsLiteral.Minify(text) : null;
            }
        }
        var repeats = JsonRepeats.Find(values);
        // First pass: which object shapes are written out key by key often enough to be worth a name.
        var plain = new Writer(text.Length / 2, null, repeats);
        plain.WriteAll(values);
        var names = NamedShapes(plain.PlainShapes);
        var writer = names.Count == 0 ? plain : new Writer(text.Length / 2, names, repeats);
        if (names.Count > 0)
        {
            writer.WriteAll(values);
        }
        StringBuilder sb = writer.Output;
        string rest = Encoding.UTF8.GetString(utf8, consumed, utf8.Length - consumed);
        if (!rest.AsSpan().IsWhiteSpace())
        {
            sb.Append('\n').Append(rest.Trim('\n'));
        }
        if (Lines.EndsWithNewline(text))
        {
            sb.Append('\n');
        }
        string? legend = Legend(writer.CollapsedRows, writer.CollapsedMap, names, repeats.Any);
        return legend is null ? sb.ToString() : legend + "\n" + sb;
    }

    /// <summary>
    /// Where the JSON starts after the <c>npm …</c> lines npm writes before it (<c>npm ls --json</c> with problems), or 0
    /// when the text does not start with such lines followed by a line that opens an object or array.
    /// </summary>
    internal static int ToolNotesEnd(ReadOnlySpan<char> text)
    {
        int at = 0;
        while (at < text.Length && text[at..].StartsWith("npm ", StringComparison.Ordinal))
        {
            int newline = text[at..].IndexOf('\n');
            if (newline < 0)
            {
                return 0;
            }
            at += newline + 1;
        }
        return at > 0 && at < text.Length && text[at] is '{' or '[' ? at : 0;
    }

    /// <summary>Shapes written key by key at least <see cref="MinNamed"/> times, numbered in order of first use.</summary>
    private static Dictionary<string, (int Number, string[] Keys)> NamedShapes(Dictionary<string, (int Count, int First, string[] Keys)> plain)
    {
        var names = new Dictionary<string, (int, string[])>(StringComparer.Ordinal);
        int number = 0;
        foreach (var (shape, use) in plain.Where(p => p.Value.Count >= MinNamed).OrderBy(p => p.Value.First))
        {
            names[shape] = (++number, use.Keys);
        }
        return names;
    }

    private static string? Legend(bool rows, bool map, Dictionary<string, (int Number, string[] Keys)> names, bool repeats)
    {
        if (!rows && !map && names.Count == 0 && !repeats)
        {
            return null;
        }
        var sb = new StringBuilder("[json minified");
        if (rows)
        {
            sb.Append("; ").Append(RowsLegend);
        }
        if (map)
        {
            sb.Append(rows ? " and " : "; ").Append(MapLegend);
        }
        if (names.Count > 0)
        {
            sb.Append("; objects of a named shape are written #N[v1,v2] for {\"k1\":v1,\"k2\":v2}:");
            foreach (var (number, keys) in names.Values.OrderBy(n => n.Number))
            {
                sb.Append(" #").Append(Marker.Num(number)).Append('=');
                WriteKeys(keys, sb);
            }
        }
        if (repeats)
        {
            sb.Append(RepeatLegend);
        }
        return sb.Append(']').ToString();
    }

    private static JsonNode ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = JsonNode.Object();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string key = "\"" + Encoding.UTF8.GetString(reader.ValueSpan) + "\"";
                    reader.Read();
                    obj.Properties.Add((key, ReadValue(ref reader)));
                }
                return obj;
            case JsonTokenType.StartArray:
                var arr = JsonNode.Array();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    arr.Items.Add(ReadValue(ref reader));
                }
                return arr;
            case JsonTokenType.String:
                return JsonNode.Scalar("\"" + Encoding.UTF8.GetString(reader.ValueSpan) + "\"");
            case JsonTokenType.Number:
                return JsonNode.Scalar(Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return JsonNode.Scalar("true");
            case JsonTokenType.False:
                return JsonNode.Scalar("false");
            case JsonTokenType.Null:
                return JsonNode.Scalar("null");
            default:
                throw new JsonException("unexpected token " + reader.TokenType.ToString());
        }
    }

    /// <summary>Writes values minified, collapsing repeated shapes and naming the shapes it is given.</summary>
    private sealed class Writer(int capacity, Dictionary<string, (int Number, string[] Keys)>? names, JsonRepeats repeats)
    {
        public StringBuilder Output { get; } = new(capacity);

        /// <summary>Whether a run of same-shape objects was written as rows (<c>{"k1","k2"}=[[v1,v2],…]</c>).</summary>
        public bool CollapsedRows { get; private set; }

        /// <summary>Whether a map of same-shape objects was written as one (<c>{"k1","k2"}={"n":[v1,v2],…}</c>).</summary>
        public bool CollapsedMap { get; private set; }

        /// <summary>The number of each repeated value, in the order they are written.</summary>
        private readonly Dictionary<JsonNode, int> _marks = new(ReferenceEqualityComparer.Instance);

        /// <summary>Each shape written key by key: how often, where first (for a stable numbering), its keys.</summary>
        public Dictionary<string, (int Count, int First, string[] Keys)> PlainShapes { get; } = new(StringComparer.Ordinal);

        public void WriteAll(List<JsonNode> values)
        {
            for (int v = 0; v < values.Count; v++)
            {
                if (v > 0)
                {
                    Output.Append('\n');
                }
                Write(values[v]);
            }
        }

        private void Write(JsonNode node)
        {
            StringBuilder sb = Output;
            if (node.Kind == 's')
            {
                sb.Append(node.Raw);
                return;
            }
            if (WroteRepeat(node))
            {
                return;
            }
            if (node.Kind == '[')
            {
                WriteArray(node.Items);
                return;
            }
            if (TableShape(node.Properties) is string[] keys)
            {
                CollapsedMap = true;
                WriteKeys(keys, sb);
                sb.Append("={");
                WriteMembers(node, asRows: true);
                sb.Append('}');
                return;
            }
            if (node.Properties.Count >= MinNamedKeys && names is not null && names.TryGetValue(node.Shape(), out var named))
            {
                sb.Append('#').Append(Marker.Num(named.Number));
                WriteValues(node);
                return;
            }
            if (node.Properties.Count >= MinNamedKeys)
            {
                CountPlain(node);
            }
            sb.Append('{');
            WriteMembers(node, asRows: false);
            sb.Append('}');
        }

        /// <summary><c>"key":value,…</c>, each value written as it is or, in a table, as the row of its values.</summary>
        private void WriteMembers(JsonNode node, bool asRows)
        {
            for (int p = 0; p < node.Properties.Count; p++)
            {
                if (p > 0)
                {
                    Output.Append(',');
                }
                Output.Append(node.Properties[p].Key).Append(':');
                if (asRows)
                {
                    WriteRow(node.Properties[p].Value);
                }
                else
                {
                    Write(node.Properties[p].Value);
                }
            }
        }

        /// <summary>
        /// Writes <c>*N</c> for a repeat of an earlier value and says so; before a value that is repeated later,
        /// writes its mark <c>&amp;N</c> and lets the value follow.
        /// </summary>
        private bool WroteRepeat(JsonNode node)
        {
            // The first occurrence is always written before its repeats (both walk the document in order); were it
            // not, the repeat is simply written out.
            if (repeats.IsRepeat(node, out JsonNode first) && _marks.TryGetValue(first, out int mark))
            {
                Output.Append('*').Append(Marker.Num(mark));
                return true;
            }
            if (repeats.IsRepeated(node))
            {
                _marks[node] = _marks.Count + 1;
                Output.Append('&').Append(Marker.Num(_marks[node]));
            }
            return false;
        }

        private void CountPlain(JsonNode node)
        {
            string shape = node.Shape();
            PlainShapes[shape] = PlainShapes.TryGetValue(shape, out var seen)
                ? (seen.Count + 1, seen.First, seen.Keys)
                : (1, Output.Length, ShapeKeys(node));
        }

        private void WriteArray(List<JsonNode> items)
        {
            StringBuilder sb = Output;
            sb.Append('[');
            int i = 0;
            bool first = true;
            while (i < items.Count)
            {
                if (!first)
                {
                    sb.Append(',');
                }
                first = false;
                int run = RunLength(items, i);
                if (run >= MinRun)
                {
                    CollapsedRows = true;
                    WriteKeys(ShapeKeys(items[i]), sb);
                    sb.Append("=[");
                    for (int r = i; r < i + run; r++)
                    {
                        if (r > i)
                        {
                            sb.Append(',');
                        }
                        WriteRow(items[r]);
                    }
                    sb.Append(']');
                    i += run;
                    continue;
                }
                Write(items[i]);
                i++;
            }
            sb.Append(']');
        }

        /// <summary>A table row: an object's values, or <c>*N</c> for a repeated object.</summary>
        private void WriteRow(JsonNode obj)
        {
            if (!WroteRepeat(obj))
            {
                WriteValues(obj);
            }
        }

        /// <summary>An object's values as a row, <c>[v1,v2]</c>.</summary>
        private void WriteValues(JsonNode obj)
        {
            StringBuilder sb = Output;
            sb.Append('[');
            for (int p = 0; p < obj.Properties.Count; p++)
            {
                if (p > 0)
                {
                    sb.Append(',');
                }
                Write(obj.Properties[p].Value);
            }
            sb.Append(']');
        }
    }

    private static void WriteKeys(string[] keys, StringBuilder sb)
    {
        sb.Append('{').AppendJoin(',', keys).Append('}');
    }

    private static string[] ShapeKeys(JsonNode obj)
    {
        var keys = new string[obj.Properties.Count];
        for (int p = 0; p < keys.Length; p++)
        {
            keys[p] = obj.Properties[p].Key;
        }
        return keys;
    }

    /// <summary>How many objects from <paramref name="i"/> on share the keys of the first (two keys or more).</summary>
    private static int RunLength(List<JsonNode> items, int i)
    {
        if (items[i].Kind != '{' || items[i].Properties.Count < 2)
        {
            return 1;
        }
        string shape = items[i].Shape();
        int j = i + 1;
        while (j < items.Count && items[j].Kind == '{' && string.Equals(items[j].Shape(), shape, StringComparison.Ordinal))
        {
            j++;
        }
        return j - i;
    }

    /// <summary>The shared keys when every value of the object is an object with the same two or more keys.</summary>
    private static string[]? TableShape(List<(string Key, JsonNode Value)> properties)
    {
        if (properties.Count < MinRun || properties[0].Value.Kind != '{' || properties[0].Value.Properties.Count < 2)
        {
            return null;
        }
        string shape = properties[0].Value.Shape();
        foreach (var (_, value) in properties)
        {
            if (value.Kind != '{' || !string.Equals(value.Shape(), shape, StringComparison.Ordinal))
            {
                return null;
            }
        }
        return ShapeKeys(properties[0].Value);
    }
}

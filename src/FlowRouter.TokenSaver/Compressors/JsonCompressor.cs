using System.Text;
using System.Text.Json;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// JSON documents and JSON lines. Minified (whitespace between tokens only; every key, string and number stays in
/// its original escaped form and order). Repeated shapes are collapsed without dropping anything: three or more
/// array elements in a row that are objects with the same keys become <c>{"k1","k2"}=[[v1,v2],[v1,v2]]</c>, and an
/// object whose values are all objects with the same keys becomes <c>{"k1","k2"}={"name":[v1,v2],…}</c>; a marker
/// says so. Text after the JSON (a tool's warnings) is kept as it is. Not JSON: passed through.
/// </summary>
internal static class JsonCompressor
{
    public const int MinRun = 3;
    private const string Legend = "[json minified; {\"k1\",\"k2\"}=[[v1,v2],…] is [{\"k1\":v1,\"k2\":v2},…] and {\"k1\",\"k2\"}={\"n\":[v1,v2],…} is {\"n\":{\"k1\":v1,\"k2\":v2},…}]";

    public static string? Compress(string text)
    {
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
                return null;
            }
        }
        var sb = new StringBuilder(text.Length / 2);
        bool collapsed = false;
        for (int v = 0; v < values.Count; v++)
        {
            if (v > 0)
            {
                sb.Append('\n');
            }
            Write(values[v], sb, ref collapsed);
        }
        string rest = Encoding.UTF8.GetString(utf8, consumed, utf8.Length - consumed);
        if (!rest.AsSpan().IsWhiteSpace())
        {
            sb.Append('\n').Append(rest.Trim('\n'));
        }
        if (Lines.EndsWithNewline(text))
        {
            sb.Append('\n');
        }
        return collapsed ? Legend + "\n" + sb : sb.ToString();
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

    private static void Write(JsonNode node, StringBuilder sb, ref bool collapsed)
    {
        if (node.Kind == 's')
        {
            sb.Append(node.Raw);
            return;
        }
        if (node.Kind == '[')
        {
            WriteArray(node.Items, sb, ref collapsed);
            return;
        }
        if (TableShape(node.Properties) is string[] keys)
        {
            collapsed = true;
            WriteKeys(keys, sb);
            sb.Append("={");
            for (int p = 0; p < node.Properties.Count; p++)
            {
                if (p > 0)
                {
                    sb.Append(',');
                }
                sb.Append(node.Properties[p].Key).Append(':');
                WriteRow(node.Properties[p].Value, sb, ref collapsed);
            }
            sb.Append('}');
            return;
        }
        sb.Append('{');
        for (int p = 0; p < node.Properties.Count; p++)
        {
            if (p > 0)
            {
                sb.Append(',');
            }
            sb.Append(node.Properties[p].Key).Append(':');
            Write(node.Properties[p].Value, sb, ref collapsed);
        }
        sb.Append('}');
    }

    private static void WriteArray(List<JsonNode> items, StringBuilder sb, ref bool collapsed)
    {
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
                collapsed = true;
                WriteKeys(ShapeKeys(items[i]), sb);
                sb.Append("=[");
                for (int r = i; r < i + run; r++)
                {
                    if (r > i)
                    {
                        sb.Append(',');
                    }
                    WriteRow(items[r], sb, ref collapsed);
                }
                sb.Append(']');
                i += run;
                continue;
            }
            Write(items[i], sb, ref collapsed);
            i++;
        }
        sb.Append(']');
    }

    private static void WriteRow(JsonNode obj, StringBuilder sb, ref bool collapsed)
    {
        sb.Append('[');
        for (int p = 0; p < obj.Properties.Count; p++)
        {
            if (p > 0)
            {
                sb.Append(',');
            }
            Write(obj.Properties[p].Value, sb, ref collapsed);
        }
        sb.Append(']');
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

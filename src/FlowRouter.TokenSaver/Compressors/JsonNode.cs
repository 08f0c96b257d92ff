namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// A parsed JSON value that remembers its source text: scalars keep their raw token (a string in its original
/// escaped form, a number as written), objects their key order and duplicate keys.
/// </summary>
internal sealed class JsonNode
{
    private JsonNode(char kind, string? raw)
    {
        Kind = kind;
        Raw = raw;
    }

    /// <summary><c>{</c> object, <c>[</c> array, <c>s</c> scalar.</summary>
    public char Kind { get; }

    /// <summary>A scalar's raw token (strings with their quotes).</summary>
    public string? Raw { get; }

    public List<(string Key, JsonNode Value)> Properties { get; } = [];

    public List<JsonNode> Items { get; } = [];

    public static JsonNode Scalar(string raw) => new('s', raw);

    public static JsonNode Object() => new('{', null);

    public static JsonNode Array() => new('[', null);

    private string? _shape;

    private (int Hash, int Size)? _measure;

    /// <summary>
    /// A hash of the value as written and its minified length, computed once (bottom-up): what
    /// <see cref="JsonRepeats"/> looks repeats up by.
    /// </summary>
    public (int Hash, int Size) Measure()
    {
        if (Kind == 's')
        {
            return (Raw!.GetHashCode(StringComparison.Ordinal), Raw.Length);
        }
        if (_measure is { } known)
        {
            return known;
        }
        var hash = new HashCode();
        hash.Add(Kind);
        int size = 2 + Math.Max(0, Properties.Count + Items.Count - 1);
        foreach (var (key, value) in Properties)
        {
            var inner = value.Measure();
            hash.Add(key.GetHashCode(StringComparison.Ordinal));
            hash.Add(inner.Hash);
            size += key.Length + 1 + inner.Size;
        }
        foreach (JsonNode item in Items)
        {
            var inner = item.Measure();
            hash.Add(inner.Hash);
            size += inner.Size;
        }
        _measure = (hash.ToHashCode(), size);
        return _measure.Value;
    }

    /// <summary>The object's keys in order, joined; the same string for the same shape (computed once).</summary>
    public string Shape()
    {
        if (_shape is null)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var (key, _) in Properties)
            {
                sb.Append(key).Append('\u0001');
            }
            _shape = sb.ToString();
        }
        return _shape;
    }
}

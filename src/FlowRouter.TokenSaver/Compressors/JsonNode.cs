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

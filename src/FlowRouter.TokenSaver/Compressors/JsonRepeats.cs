namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Objects and arrays that occur again word for word later in a JSON document: the package list of each target
/// framework in <c>dotnet list package --format json</c>, the same <c>owner</c> object on every repository of a
/// REST listing. The writer marks the first occurrence <c>&amp;N</c> where it writes it and writes each later one
/// <c>*N</c> (YAML's anchor and alias), so a repeat costs two tokens instead of its whole text. Only values of at
/// least <see cref="MinChars"/> characters minified are referred to: shorter ones read better written out.
/// </summary>
internal sealed class JsonRepeats
{
    public const int MinChars = 40;

    private readonly Dictionary<JsonNode, JsonNode> _repeatOf = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<JsonNode> _repeated = new(ReferenceEqualityComparer.Instance);

    private JsonRepeats()
    {
    }

    public bool Any => _repeatOf.Count > 0;

    /// <summary>The earlier occurrence <paramref name="node"/> repeats, if it is a repeat.</summary>
    public bool IsRepeat(JsonNode node, out JsonNode first) => _repeatOf.TryGetValue(node, out first!);

    /// <summary>Whether later values repeat <paramref name="node"/>.</summary>
    public bool IsRepeated(JsonNode node) => _repeated.Contains(node);

    /// <summary>
    /// Walks the values in the order they are written (keys and items in document order), so each first occurrence
    /// comes before its repeats; a repeat's insides are not walked, as they are not written.
    /// </summary>
    public static JsonRepeats Find(List<JsonNode> values)
    {
        var repeats = new JsonRepeats();
        var firsts = new Dictionary<(int Hash, int Size), JsonNode>();
        foreach (JsonNode value in values)
        {
            repeats.Walk(value, firsts);
        }
        return repeats;
    }

    private void Walk(JsonNode node, Dictionary<(int Hash, int Size), JsonNode> firsts)
    {
        if (node.Kind == 's')
        {
            return;
        }
        var measure = node.Measure();
        if (measure.Size >= MinChars)
        {
            if (firsts.TryGetValue(measure, out JsonNode? first))
            {
                // A different value with the same hash and size is left written out: rare, and never wrong.
                if (SameValue(first, node))
                {
                    _repeatOf[node] = first;
                    _repeated.Add(first);
                    return;
                }
            }
            else
            {
                firsts[measure] = node;
            }
        }
        foreach (var (_, value) in node.Properties)
        {
            Walk(value, firsts);
        }
        foreach (JsonNode item in node.Items)
        {
            Walk(item, firsts);
        }
    }

    /// <summary>Equal as written: same kind, same keys in the same order, same raw scalars.</summary>
    private static bool SameValue(JsonNode a, JsonNode b)
    {
        if (a.Kind != b.Kind || a.Properties.Count != b.Properties.Count || a.Items.Count != b.Items.Count)
        {
            return false;
        }
        if (a.Kind == 's')
        {
            return string.Equals(a.Raw, b.Raw, StringComparison.Ordinal);
        }
        for (int p = 0; p < a.Properties.Count; p++)
        {
            if (!string.Equals(a.Properties[p].Key, b.Properties[p].Key, StringComparison.Ordinal)
                || !SameValue(a.Properties[p].Value, b.Properties[p].Value))
            {
                return false;
            }
        }
        for (int i = 0; i < a.Items.Count; i++)
        {
            if (!SameValue(a.Items[i], b.Items[i]))
            {
                return false;
            }
        }
        return true;
    }
}

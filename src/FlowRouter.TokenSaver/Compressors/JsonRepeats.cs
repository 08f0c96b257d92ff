namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Objects and arrays that occur again word for word later in a JSON document: the package list of each target
/// framework in <c>dotnet list package --format json</c>, the same <c>owner</c> object on every repository of a
/// REST listing. The first occurrence is marked <c>&amp;N</c> where it is written and each later one is written
/// <c>*N</c> (YAML's anchor and alias), so a repeat costs two tokens instead of its whole text. Only values of at
/// least <see cref="MinChars"/> characters minified are referred to: shorter ones read better written out.
/// </summary>
internal sealed class JsonRepeats
{
    public const int MinChars = 40;

    private readonly Dictionary<JsonNode, int> _anchors = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonNode, int> _aliases = new(ReferenceEqualityComparer.Instance);

    private JsonRepeats()
    {
    }

    public bool Any => _aliases.Count > 0;

    /// <summary>The number of the value <paramref name="node"/> repeats, if it is a repeat.</summary>
    public bool IsRepeat(JsonNode node, out int number) => _aliases.TryGetValue(node, out number);

    /// <summary>The number later repeats of <paramref name="node"/> refer to, if it has any.</summary>
    public bool IsRepeated(JsonNode node, out int number) => _anchors.TryGetValue(node, out number);

    /// <summary>
    /// Walks the values in the order they are written (keys and items in document order), so each first occurrence
    /// comes before its repeats; a repeat's insides are not walked, as they are not written.
    /// </summary>
    public static JsonRepeats Find(List<JsonNode> values)
    {
        var finder = new Finder();
        foreach (JsonNode value in values)
        {
            finder.Walk(value);
        }
        var repeats = new JsonRepeats();
        int number = 0;
        foreach (JsonNode first in finder.Targets.OrderBy(t => finder.Order[t]))
        {
            repeats._anchors[first] = ++number;
        }
        foreach (var (repeat, first) in finder.RepeatOf)
        {
            repeats._aliases[repeat] = repeats._anchors[first];
        }
        return repeats;
    }

    private sealed class Finder
    {
        private readonly Dictionary<(int Hash, int Size), List<JsonNode>> _seen = [];
        private readonly Dictionary<JsonNode, (int Hash, int Size)> _measure = new(ReferenceEqualityComparer.Instance);

        public Dictionary<JsonNode, JsonNode> RepeatOf { get; } = new(ReferenceEqualityComparer.Instance);

        public HashSet<JsonNode> Targets { get; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>Where each first occurrence was met, to number them in the order they are written.</summary>
        public Dictionary<JsonNode, int> Order { get; } = new(ReferenceEqualityComparer.Instance);

        public void Walk(JsonNode node)
        {
            if (node.Kind == 's')
            {
                return;
            }
            var measure = Measure(node);
            if (measure.Size >= MinChars)
            {
                if (!_seen.TryGetValue(measure, out var firsts))
                {
                    _seen[measure] = firsts = [];
                }
                foreach (JsonNode first in firsts)
                {
                    if (SameValue(first, node))
                    {
                        RepeatOf[node] = first;
                        Targets.Add(first);
                        return;
                    }
                }
                firsts.Add(node);
                Order[node] = Order.Count;
            }
            foreach (var (_, value) in node.Properties)
            {
                Walk(value);
            }
            foreach (JsonNode item in node.Items)
            {
                Walk(item);
            }
        }

        /// <summary>A hash of the value and its minified length, computed once per node (bottom-up).</summary>
        private (int Hash, int Size) Measure(JsonNode node)
        {
            if (node.Kind == 's')
            {
                return (node.Raw!.GetHashCode(StringComparison.Ordinal), node.Raw.Length);
            }
            if (_measure.TryGetValue(node, out var known))
            {
                return known;
            }
            var hash = new HashCode();
            hash.Add(node.Kind);
            int size = 2 + Math.Max(0, Count(node) - 1);
            foreach (var (key, value) in node.Properties)
            {
                var inner = Measure(value);
                hash.Add(key, StringComparer.Ordinal);
                hash.Add(inner.Hash);
                size += key.Length + 1 + inner.Size;
            }
            foreach (JsonNode item in node.Items)
            {
                var inner = Measure(item);
                hash.Add(inner.Hash);
                size += inner.Size;
            }
            return _measure[node] = (hash.ToHashCode(), size);
        }
    }

    private static int Count(JsonNode node) => node.Kind == '{' ? node.Properties.Count : node.Items.Count;

    /// <summary>Equal as written: same kind, same keys in the same order, same raw scalars.</summary>
    private static bool SameValue(JsonNode a, JsonNode b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }
        if (a.Kind == 's')
        {
            return string.Equals(a.Raw, b.Raw, StringComparison.Ordinal);
        }
        if (Count(a) != Count(b))
        {
            return false;
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

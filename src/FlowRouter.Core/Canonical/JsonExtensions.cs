namespace FlowRouter.Core.Canonical;

/// <summary>
/// Fields a codec read but has no canonical slot for, kept as raw JSON and tagged with the protocol they came from.
/// A writer of the same protocol writes them back verbatim; a writer of another protocol ignores them.
/// </summary>
public sealed class JsonExtensions(WireProtocol source)
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public WireProtocol Source { get; } = source;

    /// <summary>Fields in the order they were read: name and raw JSON value text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public int Count => _fields.Count;

    public void Add(string name, string rawJson) => _fields.Add(new(name, rawJson));

    public string? Get(string name)
    {
        foreach (var field in _fields)
        {
            if (field.Key == name)
            {
                return field.Value;
            }
        }
        return null;
    }

    public bool Remove(string name) => _fields.RemoveAll(f => f.Key == name) > 0;

    /// <summary>True when these fields came from <paramref name="protocol"/> and may be written back to it.</summary>
    public bool AppliesTo(WireProtocol protocol) => Source == protocol && _fields.Count > 0;
}

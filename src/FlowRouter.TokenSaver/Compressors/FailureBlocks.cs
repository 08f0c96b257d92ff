namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Remembers the condensed body of each failure so that a failure whose error and stack are exactly those of an
/// earlier one (the same assertion in many tests) is written as a reference instead.
/// </summary>
internal sealed class FailureBlocks
{
    private readonly Dictionary<string, string> _first = new(StringComparer.Ordinal);
    private string? _previousBody;

    /// <summary>Null when the body is new; otherwise the reference line to write instead of it.</summary>
    public string? Reference(string name, List<string> body, string indent)
    {
        if (body.Count < 2)
        {
            return null;
        }
        string key = string.Join('\n', body);
        bool previous = string.Equals(key, _previousBody, StringComparison.Ordinal);
        _previousBody = key;
        if (_first.TryGetValue(key, out string? firstName))
        {
            return indent + "[same error and stack trace as " + (previous ? "above" : firstName) + "]";
        }
        _first[key] = name;
        return null;
    }
}

using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// GNU ld's <c>undefined reference</c> errors, one per call site:
/// <c>/usr/bin/ld: test.c:(.text+0x3c): undefined reference to `cJSON_Print'</c>, under
/// <c>/usr/bin/ld: /tmp/cc.o: in function `main':</c> lines. Folded to one line per object file and calling
/// functions, each symbol once on it with its number of call sites.
/// </summary>
internal sealed class LinkerErrors
{
    private const string Undefined = "undefined reference to ";
    private readonly List<(string Key, string File, string Symbol, List<string> Functions, int Count, int Slot)> _refs = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private string? _function;

    public bool TryAdd(string line, List<object> items)
    {
        int inFunction = line.IndexOf(": in function `", StringComparison.Ordinal);
        if (inFunction > 0 && line.EndsWith("':", StringComparison.Ordinal))
        {
            _function = line[(inFunction + ": in function `".Length)..^2];
            return true;
        }
        int u = line.IndexOf(Undefined, StringComparison.Ordinal);
        if (u < 0)
        {
            return false;
        }
        // "<prefix>test.c:(.text+0x3c): undefined reference to `X'": the object is what precedes ":(".
        string head = line[..u];
        int section = head.IndexOf(":(", StringComparison.Ordinal);
        if (section <= 0 || !head.EndsWith("): ", StringComparison.Ordinal))
        {
            return false;
        }
        // "/usr/bin/ld: test.c" and "test.c" are the same object file.
        string file = head[..section];
        int tool = file.LastIndexOf(": ", StringComparison.Ordinal);
        if (tool >= 0)
        {
            file = file[(tool + 2)..];
        }
        string symbol = line[(u + Undefined.Length)..];
        string key = file + "\n" + symbol;
        if (_index.TryGetValue(key, out int k))
        {
            var r = _refs[k];
            if (_function is not null && !r.Functions.Contains(_function, StringComparer.Ordinal))
            {
                r.Functions.Add(_function);
            }
            _refs[k] = r with { Count = r.Count + 1 };
            return true;
        }
        _index[key] = _refs.Count;
        var functions = new List<string>();
        if (_function is not null)
        {
            functions.Add(_function);
        }
        _refs.Add((key, file, symbol, functions, 1, items.Count));
        items.Add(key);
        return true;
    }

    /// <summary>
    /// Replaces the symbols' placeholders in <paramref name="items"/> with one line per object file and calling
    /// functions, at the place of the first: <c>test.c: in main: undefined reference to `a' (7×); undefined reference
    /// to `b'</c>.
    /// </summary>
    public void Finish(List<object> items)
    {
        var lines = new Dictionary<string, (int Slot, System.Text.StringBuilder Text)>(StringComparer.Ordinal);
        foreach (var r in _refs)
        {
            string where = r.Functions.Count == 0 ? "" : "in " + string.Join(", ", r.Functions) + ": ";
            string reference = Undefined + r.Symbol + (r.Count == 1 ? "" : " (" + Marker.Num(r.Count) + "×)");
            string key = r.File + "\n" + where;
            if (lines.TryGetValue(key, out var line))
            {
                line.Text.Append("; ").Append(reference);
                items[r.Slot] = Folded;
                continue;
            }
            lines[key] = (r.Slot, new System.Text.StringBuilder(r.File + ": " + where + reference));
        }
        foreach (var (slot, text) in lines.Values)
        {
            items[slot] = text.ToString();
        }
        items.RemoveAll(item => ReferenceEquals(item, Folded));
    }

    /// <summary>The place of a symbol folded into an earlier line, removed at the end.</summary>
    private static readonly object Folded = new();
}

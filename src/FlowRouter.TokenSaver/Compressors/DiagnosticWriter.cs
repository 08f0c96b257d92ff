using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Writes a list of output lines and diagnostics: a diagnostic printed again (MSBuild repeats every one in its
/// summary, and once per target framework) is written once, with its frameworks; a message found at
/// <see cref="MinGroup"/> or more places is written once, followed by all its locations on one line; a project's
/// findings with one code printed one after another say the project and code once. Plain lines stay where they
/// were; a diagnostic's detail lines stay under it.
/// </summary>
internal static class DiagnosticWriter
{
    public const int MinGroup = 3;

    /// <summary>Adds <paramref name="line"/> to <paramref name="items"/>, or to the details of the diagnostic before it
    /// when it belongs there.</summary>
    public static void AddLine(List<object> items, string line)
    {
        if (items.Count > 0 && items[^1] is Diagnostic d && d.Owns(line))
        {
            d.Details.Add(line);
            return;
        }
        items.Add(line);
    }

    public static void Write(IReadOnlyList<object> items, LineWriter w, out int repeats)
    {
        repeats = 0;
        var frameworks = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byMessage = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        var first = new HashSet<Diagnostic>(ReferenceEqualityComparer.Instance);
        foreach (object item in items)
        {
            if (item is not Diagnostic d)
            {
                continue;
            }
            if (!frameworks.TryGetValue(d.Key, out List<string>? tfms))
            {
                tfms = [];
                frameworks[d.Key] = tfms;
                first.Add(d);
                if (d.Details.Count == 0)
                {
                    string key = GroupKey(d);
                    if (!byMessage.TryGetValue(key, out List<Diagnostic>? same))
                    {
                        same = [];
                        byMessage[key] = same;
                    }
                    same.Add(d);
                }
            }
            if (d.TargetFramework is not null && !tfms.Contains(d.TargetFramework, StringComparer.Ordinal))
            {
                tfms.Add(d.TargetFramework);
            }
        }
        var grouped = new HashSet<string>(StringComparer.Ordinal);
        string? head = null;
        foreach (object item in items)
        {
            if (item is string line)
            {
                w.Line(line);
                head = null;
                continue;
            }
            var d = (Diagnostic)item;
            if (!first.Contains(d))
            {
                repeats += 1 + d.Details.Count;
                continue;
            }
            // Findings with details are never grouped (only those without are in byMessage).
            string group = GroupKey(d);
            bool alone = d.Details.Count > 0 || byMessage[group].Count < MinGroup;
            if (d.Details.Count == 0 && alone && ProjectHead(d) is { } h)
            {
                // One project's findings with one code, one after another: the project and code are said once.
                bool sameHead = string.Equals(h, head, StringComparison.Ordinal);
                w.Line((sameHead ? "  " + d.Text[h.Length..].TrimStart() : d.Text) + Frameworks(frameworks[d.Key]));
                head = h;
                continue;
            }
            head = null;
            if (alone)
            {
                w.Line(d.Text + Frameworks(frameworks[d.Key]));
                foreach (string detail in d.Details)
                {
                    w.Line(detail);
                }
                continue;
            }
            if (!grouped.Add(group))
            {
                continue;
            }
            List<Diagnostic> same = byMessage[group];
            var locations = new List<string>(same.Count);
            var allTfms = new List<string>();
            foreach (Diagnostic s in same)
            {
                locations.Add(s.Location);
                foreach (string t in frameworks[s.Key])
                {
                    if (!allTfms.Contains(t, StringComparer.Ordinal))
                    {
                        allTfms.Add(t);
                    }
                }
            }
            w.Line(d.Message + Frameworks(allTfms) + " (" + Marker.Num(same.Count) + "×)");
            w.Line("  " + string.Join(' ', locations));
        }
    }

    /// <summary>
    /// <c>/s/a.csproj : error NU1603:</c> of a project-level finding (one without a line and column), or null.
    /// </summary>
    private static string? ProjectHead(Diagnostic d)
    {
        if (d.Scope.Length > 0 || d.Location.EndsWith(')') || !d.Text.StartsWith(d.Location, StringComparison.Ordinal))
        {
            return null;
        }
        int code = d.Text.IndexOf(": ", d.Location.Length + 2, StringComparison.Ordinal);
        return code < 0 ? null : d.Text[..(code + 1)];
    }

    private static string GroupKey(Diagnostic d) => d.Scope + "\n" + d.Message;

    private static string Frameworks(List<string> tfms) => tfms.Count == 0 ? "" : " [" + string.Join(", ", tfms) + "]";
}

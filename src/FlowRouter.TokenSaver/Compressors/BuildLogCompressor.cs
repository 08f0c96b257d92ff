using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Build output: MSBuild/dotnet, csc, NuGet, tsc, gcc/clang, ld, make, cmake, npm. Kept: every diagnostic (location,
/// code, message, <c>[-Wflag]</c>), gcc's <c>In function</c>/<c>included from</c> context and source excerpt lines,
/// every status line (<c>Build succeeded.</c>, counts, <c>Built target</c>, make's <c>*** … Error</c>, cmake's results,
/// npm's results and warnings) and any line not recognised. Folded: a diagnostic printed again (MSBuild's summary,
/// each target framework) is written once with its frameworks; one message at many places is written once with all
/// its locations; the linker's <c>undefined reference</c> lines become one line per symbol with its count.
/// Dropped (counted): restore and <c>X -> bin/X.dll</c> lines, elapsed times, make's directory changes, cmake's
/// probing steps, progress lines that the next line supersedes, caret underlines, blank lines.
/// </summary>
internal static class BuildLogCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        bool detailed = BuildNoise.IsDetailedMsBuild(text);
        var items = new List<object>(lines.Length);
        int noise = 0;
        int recognised = 0;
        var undefined = new LinkerErrors();
        // The last line says how a build ended when no status line does: then it always stays.
        int last = Array.Exists(lines, BuildNoise.IsStatus) ? -1 : LastNonBlank(lines);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (i != last && BuildNoise.IsNoise(lines, i, detailed))
            {
                noise++;
                recognised++;
                continue;
            }
            line = BuildNoise.StripNodePrefix(line);
            if (Lines.IsBlank(line))
            {
                continue;
            }
            if (undefined.TryAdd(line, items))
            {
                recognised++;
                continue;
            }
            if (MsBuildDiagnostic.TryParse(line, out Diagnostic d))
            {
                items.Add(d);
                recognised++;
                continue;
            }
            if (BuildNoise.IsStatus(line))
            {
                recognised++;
            }
            DiagnosticWriter.AddLine(items, line);
        }
        if (recognised == 0)
        {
            return null;
        }
        undefined.Finish(items);
        var w = new LineWriter(text.Length);
        DiagnosticWriter.Write(items, w, out int repeats);
        string? marker = Marker.OmittedList((noise, "progress, restore and output lines"), (repeats, "repeated diagnostics"));
        if (marker is not null)
        {
            w.Line(marker);
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    private static int LastNonBlank(string[] lines)
    {
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            if (!Lines.IsBlank(lines[i]))
            {
                return i;
            }
        }
        return -1;
    }
}

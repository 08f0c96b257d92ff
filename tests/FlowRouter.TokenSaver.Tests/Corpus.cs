using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlowRouter.TokenSaver.Tests;

/// <summary>
/// The tool-output corpus in <c>../shared/corpus/samples</c> (next to the repository): each sample's raw output and its
/// <c>must_keep</c> facts, and the corpus README's normalisation (ANSI escapes removed, whitespace runs made one space).
/// </summary>
internal static partial class Corpus
{
    public sealed record Sample(string Kind, string Name, string Text, IReadOnlyList<string> MustKeep);

    private static readonly Lazy<string> SamplesDir = new(FindSamples);

    public static string Dir => SamplesDir.Value;

    /// <summary>Every sample as "kind/name".</summary>
    public static IReadOnlyList<string> Ids() =>
        Directory.GetFiles(Dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(json => Path.GetFileName(Path.GetDirectoryName(json)!) + "/" + Path.GetFileNameWithoutExtension(json))
            .ToList();

    /// <summary>Every sample as "kind/name", for xunit theories.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string id in Ids())
        {
            data.Add(id);
        }
        return data;
    }

    public static Sample Load(string id)
    {
        string basePath = Path.Combine(Dir, id.Replace('/', Path.DirectorySeparatorChar));
        string text = File.ReadAllText(basePath + ".txt", new UTF8Encoding(false));
        byte[] meta = File.ReadAllBytes(basePath + ".json");
        string kind = "";
        var facts = new List<string>();
        var reader = new Utf8JsonReader(meta);
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    property = reader.GetString();
                    break;
                case JsonTokenType.String when reader.CurrentDepth == 1 && property == "kind":
                    kind = reader.GetString()!;
                    break;
                case JsonTokenType.String when reader.CurrentDepth == 2 && property == "must_keep":
                    facts.Add(reader.GetString()!);
                    break;
            }
        }
        return new Sample(kind, Path.GetFileName(basePath), text, facts);
    }

    /// <summary>As score.py: ANSI escapes removed, every whitespace run one space, trimmed.</summary>
    public static string Normalise(string s) => Whitespace().Replace(AnsiEscape().Replace(s, ""), " ").Trim();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowRouter.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("FlowRouter.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string FindSamples()
    {
        string samples = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "corpus", "samples"));
        if (!Directory.Exists(samples))
        {
            throw new InvalidOperationException("the tool-output corpus is missing: expected " + samples
                + " (the repository must sit next to ../shared, as the worktrees in /work do)");
        }
        return samples;
    }
}

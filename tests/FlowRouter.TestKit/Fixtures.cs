using System.Text.Json;

namespace FlowRouter.TestKit;

/// <summary>
/// Finds and reads the recorded provider traffic: a case copied into the repo (tests/fixtures, same layout) is read
/// from there, any other from ../shared/fixtures.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> RootPath = new(FindRoot);
    private static readonly Lazy<string?> RepoRootPath = new(FindRepoRoot);

    /// <summary>The repo's own copies (tests/fixtures), or null when this build is not inside the repo.</summary>
    public static string? RepoRoot => RepoRootPath.Value;

    public static string Root => RootPath.Value;

    /// <summary>The case names of one protocol folder (e.g. "openai-chat"), sorted.</summary>
    public static IReadOnlyList<string> Cases(string protocol) =>
        Directory.GetFiles(Path.Combine(Root, protocol), "*.meta.json")
            .Select(path => Path.GetFileName(path)[..^".meta.json".Length])
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static FixtureCase Load(string protocol, string name)
    {
        string dir = RepoRoot is { } repo && File.Exists(Path.Combine(repo, protocol, name + ".meta.json")) ? Path.Combine(repo, protocol) : Path.Combine(Root, protocol);
        using var meta = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, name + ".meta.json")));
        var response = meta.RootElement.GetProperty("response");
        string bodyFile = response.GetProperty("body_file").GetString()!;
        string contentType = response.TryGetProperty("headers", out var headers) && headers.TryGetProperty("content-type", out var ct)
            ? ct.GetString()!
            : "application/json";
        return new FixtureCase(
            protocol,
            name,
            File.ReadAllBytes(Path.Combine(dir, name + ".request.json")),
            File.ReadAllBytes(Path.Combine(dir, bodyFile)),
            response.GetProperty("status").GetInt32(),
            response.GetProperty("body_format").GetString()!,
            contentType,
            meta.RootElement.GetProperty("stream").GetBoolean());
    }

    /// <summary>A tool output of the token saver's corpus: ../shared/corpus/samples/{kind}/{name}.txt.</summary>
    public static string CorpusSample(string kind, string name) =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(FindRoot())!, "corpus", "samples", kind, name + ".txt"));

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (File.Exists(Path.Combine(candidate, "SOURCES.md")))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
            dir = dir.Parent;
        }
        throw new DirectoryNotFoundException("shared/fixtures not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One recorded exchange: the request body sent upstream and the upstream's answer.</summary>
public sealed record FixtureCase(
    string Protocol,
    string Name,
    byte[] RequestBody,
    byte[] ResponseBody,
    int Status,
    string BodyFormat,
    string ContentType,
    bool Stream)
{
    public bool IsSse => BodyFormat == "sse";

    public override string ToString() => $"{Protocol}/{Name}";
}

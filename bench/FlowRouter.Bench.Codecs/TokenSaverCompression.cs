using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using FlowRouter.TokenSaver;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// The token saver on one tool output, auto-detected as the gateway will call it: detection on the first 4 KB, then
/// the kind's compressor over the whole text. Inputs are real samples of the tool-output corpus (shared/corpus,
/// found above the binary like the fixtures, or at $FLOWROUTER_CORPUS), repeated to 5, 50 and 500 KB (JSON as an
/// array of copies of a 3.4 KB document whose strings end in the copy's number, so it stays one document and no copy
/// repeats another: 6.8, 51 and 502 KB). Target: ≤ 1 ms per 50 KB, growing linearly with size.
/// </summary>
[MemoryDiagnoser]
public class TokenSaverCompression
{
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["git_diff"] = "git_diff/serilog_diff_tags_src_large.txt",
        ["grep"] = "grep/serilog_grep_c2.txt",
        ["test_output"] = "test_output/express_npm_test_dot_fail.txt",
        ["json"] = "json/serilog_dotnet_list_package_json.txt",
        ["cat"] = "cat/express_application.txt",
    };

    private string _input = "";

    [Params("git_diff", "grep", "test_output", "json", "cat")]
    public string Kind { get; set; } = "git_diff";

    [Params(5, 50, 500)]
    public int SizeKB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string sample = File.ReadAllText(Path.Combine(CorpusSamples(), Samples[Kind]));
        _input = Kind == "json" ? JsonOfSize(sample, SizeKB * 1024) : TextOfSize(sample, SizeKB * 1024);
        string detected = ToolOutputCompressor.Compress(_input).Kind;
        if (detected != Kind)
        {
            throw new InvalidOperationException($"{Kind} {SizeKB} KB was detected as {detected}");
        }
    }

    [Benchmark]
    public string Compress() => ToolOutputCompressor.Compress(_input).Text;

    /// <summary>Whole copies of the sample, then the head of one more, cut at a line end.</summary>
    private static string TextOfSize(string sample, int size)
    {
        var sb = new StringBuilder(size + sample.Length);
        while (sb.Length + sample.Length <= size)
        {
            sb.Append(sample);
        }
        int rest = size - sb.Length;
        int cut = sample.LastIndexOf('\n', Math.Max(0, Math.Min(rest, sample.Length - 1)));
        sb.Append(sample, 0, cut + 1);
        return sb.ToString();
    }

    /// <summary>
    /// A JSON array of copies of the sample, up to the first copy that reaches the size. Each copy's string values
    /// end in its number, so copies differ as real documents do and none is written as a repeat of another (only
    /// what repeats inside one copy is).
    /// </summary>
    private static string JsonOfSize(string sample, int size)
    {
        string item = sample.Trim();
        var sb = new StringBuilder("[\n");
        for (int copy = 0; copy == 0 || sb.Length < size; copy++)
        {
            sb.Append(copy == 0 ? "" : ",\n");
            AppendNumbered(sb, item, copy.ToString(CultureInfo.InvariantCulture));
        }
        return sb.Append("\n]\n").ToString();
    }

    /// <summary>Appends the JSON text with <paramref name="suffix"/> added at the end of every string value (not key).</summary>
    private static void AppendNumbered(StringBuilder sb, string json, string suffix)
    {
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (inString && c == '\\')
            {
                sb.Append(c).Append(json[++i]);
                continue;
            }
            if (c == '"')
            {
                if (inString && !IsKey(json, i + 1))
                {
                    sb.Append(suffix);
                }
                inString = !inString;
            }
            sb.Append(c);
        }
    }

    private static bool IsKey(string json, int afterQuote)
    {
        int j = afterQuote;
        while (j < json.Length && char.IsWhiteSpace(json[j]))
        {
            j++;
        }
        return j < json.Length && json[j] == ':';
    }

    private static string CorpusSamples()
    {
        if (Environment.GetEnvironmentVariable("FLOWROUTER_CORPUS") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "corpus", "samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/corpus/samples not found above " + AppContext.BaseDirectory + "; set FLOWROUTER_CORPUS");
    }
}

using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Gemini;

/// <summary>The recorded gemini cases, grouped the way the tests use them, and the model each addressed in its URL.</summary>
public static class GeminiFixtureData
{
    public const string Protocol = "gemini";

    public static TheoryData<string> AllCases() => From(_ => true);

    public static TheoryData<string> JsonSuccessCases() => From(c => c.Status == 200 && c.BodyFormat == "json");

    public static TheoryData<string> SseCases() => From(c => c.IsSse);

    /// <summary>Every streamed answer: SSE, decoded chunks and the JSON-array body.</summary>
    public static TheoryData<string> StreamCases() => From(c => c.Status == 200 && c.BodyFormat is "sse" or "json-chunks" or "json-array-stream");

    public static TheoryData<string> ErrorCases() => From(c => c.Status >= 400);

    public static FixtureCase Load(string name) => Fixtures.Load(Protocol, name);

    /// <summary>The model named in the case's URL (…/models/{model}:generateContent).</summary>
    public static string Model(string name)
    {
        using var meta = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixtures.Root, Protocol, name + ".meta.json")));
        string url = meta.RootElement.GetProperty("request").GetProperty("url").GetString()!;
        int start = url.IndexOf("/models/", StringComparison.Ordinal) + "/models/".Length;
        return url[start..url.IndexOf(':', start)];
    }

    private static TheoryData<string> From(Func<FixtureCase, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (string name in Fixtures.Cases(Protocol))
        {
            if (predicate(Fixtures.Load(Protocol, name)))
            {
                data.Add(name);
            }
        }
        return data;
    }
}

using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIResponses;

/// <summary>The recorded openai-responses cases, grouped the way the tests use them.</summary>
public static class ResponsesFixtureData
{
    public const string Protocol = "openai-responses";

    public static TheoryData<string> AllCases() => From(_ => true);

    /// <summary>200 JSON answers that are response objects (input_tokens counts are another endpoint's shape).</summary>
    public static TheoryData<string> JsonSuccessCases() => From(c => c.Status == 200 && c.BodyFormat == "json" && c.Name != "input-tokens-count");

    public static TheoryData<string> StreamCases() => From(c => c.IsSse);

    public static TheoryData<string> ErrorCases() => From(c => c.Status >= 400);

    public static FixtureCase Load(string name) => Fixtures.Load(Protocol, name);

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

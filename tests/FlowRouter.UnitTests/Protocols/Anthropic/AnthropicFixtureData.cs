using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

/// <summary>The recorded anthropic-messages cases, grouped the way the tests use them.</summary>
public static class AnthropicFixtureData
{
    public const string Protocol = "anthropic-messages";

    public static TheoryData<string> AllCases() => From(_ => true);

    public static TheoryData<string> JsonSuccessCases() => From(c => c.Status == 200 && c.BodyFormat == "json");

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

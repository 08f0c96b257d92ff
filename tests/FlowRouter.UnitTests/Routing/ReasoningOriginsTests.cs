using System.Text;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Routing;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Routing;

public sealed class ReasoningOriginsTests
{
    private static readonly string LongSignature = new string('S', 300) + "tail-that-identifies-the-signature-0123456789abcdef0123456789abcd";

    [Fact]
    public void Find_RecordedValue_ReturnsItsOriginCaseInsensitively()
    {
        var origins = new ReasoningOrigins();
        origins.Record(LongSignature, "claude-a", "claude-sonnet-4-5");
        var origin = origins.Find(LongSignature);
        Assert.NotNull(origin);
        Assert.True(origin.Value.Is("CLAUDE-A", "claude-sonnet-4-5"));
        Assert.False(origin.Value.Is("claude-b", "claude-sonnet-4-5"));
        Assert.Null(origins.Find("never-seen"));
    }

    [Fact]
    public void MayHoldOtherThan_OnlyOneOriginSeen_FalseForItTrueForOthers()
    {
        var origins = new ReasoningOrigins();
        Assert.False(origins.MayHoldOtherThan("a", "m"));
        origins.Record("sig-1", "a", "m");
        Assert.False(origins.MayHoldOtherThan("a", "m"));
        Assert.True(origins.MayHoldOtherThan("a", "other-model"));
    }

    [Fact]
    public void Record_BeyondCapacity_OldestGoesFirst()
    {
        var origins = new ReasoningOrigins(capacity: 2);
        origins.Record("first", "a", "m");
        origins.Record("second", "a", "m");
        origins.Record("third", "a", "m");
        Assert.Null(origins.Find("first"));
        Assert.NotNull(origins.Find("third"));
        Assert.Equal(2, origins.Count);
    }

    [Fact]
    public void SignatureScan_FixtureAnswers_FindsSignatureAndRedactedData()
    {
        foreach (var name in new[] { "thinking", "redacted-thinking" })
        {
            byte[] body = Fixtures.Load("anthropic-messages", name).ResponseBody;
            var values = new List<Range>();
            AnthropicSignatureScan.Collect(body, values);
            Assert.NotEmpty(values);
            Assert.All(values, v => Assert.True(body.AsSpan()[v].Length > 50));
        }
    }

    [Fact]
    public void SignatureScan_SpacedKeyAndEscapedLookalikeInText_OnlyTheRealValue()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"content":[{"type":"text","text":"a \"signature\": \"fake\""},{"type":"thinking","thinking":"x", "signature" : "REAL"}]}""");
        var values = new List<Range>();
        AnthropicSignatureScan.Collect(json, values);
        Assert.Equal(["REAL"], values.Select(v => Encoding.UTF8.GetString(json.AsSpan()[v])));
        Assert.False(AnthropicSignatureScan.MayHold("""{"type":"content_block_delta","delta":{"type":"text_delta","text":"hi"}}"""u8));
    }
}

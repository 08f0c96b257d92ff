using System.Text;
using FlowRouter.Logging;

namespace FlowRouter.UnitTests.Logging;

public sealed class PromptRedactorTests
{
    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void Redact_UpstreamQuotesThePrompt_QuoteBecomesAMarker()
    {
        var body = Body("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"my bank password is hunter2 and my pin is 1234"}]}""");

        string redacted = PromptRedactor.Redact("Invalid prompt: 'my bank password is hunter2 and my pin is 1234' was flagged.", body);

        Assert.Equal("Invalid prompt: '[…]' was flagged.", redacted);
    }

    [Fact]
    public void Redact_EscapedTextInTheBody_StillMatchesTheDecodedQuote()
    {
        var body = Body("""{"messages":[{"role":"user","content":"caf\u00e9 \"secret recipe\" for t\u00e9a parties"}]}""");

        string redacted = PromptRedactor.Redact("Bad input: café \"secret recipe\" for téa parties.", body);

        Assert.DoesNotContain("secret recipe", redacted, StringComparison.Ordinal);
        Assert.StartsWith("Bad input: ", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_NothingShared_MessageUnchanged()
    {
        var body = Body("""{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":"hello there, how are you today?"}]}""");
        const string Message = "model: claude-sonnet-4-5-20250929 is not available on this account";

        Assert.Equal(Message, PromptRedactor.Redact(Message, body)); // the model value is not prompt text
    }

    [Fact]
    public void Redact_BodyIsNotJson_UsesItsText()
    {
        var body = Body("{\"messages\":[{\"content\":\"a very private thing to say\"");

        string redacted = PromptRedactor.Redact("Could not parse near: \"a very private thing to say\"", body);

        Assert.DoesNotContain("private thing", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_ShortSharedWords_AreKept()
    {
        var body = Body("""{"messages":[{"role":"user","content":"please check the context"}]}""");
        const string Message = "the context is fine";

        Assert.Equal(Message, PromptRedactor.Redact(Message, body));
    }
}

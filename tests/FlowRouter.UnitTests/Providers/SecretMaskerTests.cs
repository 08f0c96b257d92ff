using FlowRouter.Providers.Http;
using FlowRouter.Providers.Presets;

namespace FlowRouter.UnitTests.Providers;

public sealed class SecretMaskerTests
{
    [Theory]
    [InlineData("Incorrect API key provided: my-own-custom-key-1234", "Incorrect API key provided: ****1234")]
    [InlineData("bad key sk-proj-abcdefghijklmnopqrstuvwx rejected", "bad key ****uvwx rejected")]
    [InlineData("header was Bearer abcdefghijklmnopqrstuvwxyz012345", "header was Bearer ****2345")]
    [InlineData("key AIzaSyA1234567890abcdefghijklmnop invalid", "key ****mnop invalid")]
    [InlineData("no secrets here", "no secrets here")]
    public void Mask_TextWithSecrets_KeepsOnlyLastFourCharacters(string text, string expected) =>
        Assert.Equal(expected, SecretMasker.Mask(text, ["my-own-custom-key-1234"]));

    [Fact]
    public void DetectFromEnvironment_KeysSet_AddsPresetsNotAlreadyConfiguredFirstVariableWins()
    {
        var env = new Dictionary<string, string> { ["GROQ_API_KEY"] = " gsk-1 ", ["GEMINI_API_KEY"] = "g-1", ["GOOGLE_API_KEY"] = "g-2", ["OPENAI_API_KEY"] = "sk-1" };
        var detected = ProviderPresets.DetectFromEnvironment(name => env.GetValueOrDefault(name), ["openai"]);
        Assert.Equal(["gemini", "groq"], detected.Select(p => p.Id).Order());
        Assert.Equal("gsk-1", detected.Single(p => p.Id == "groq").ApiKeys.Single());
        Assert.Equal(("g-1", "env:GEMINI_API_KEY"), (detected.Single(p => p.Id == "gemini").ApiKeys.Single(), detected.Single(p => p.Id == "gemini").Origin));
    }
}

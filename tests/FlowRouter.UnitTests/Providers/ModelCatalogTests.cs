using FlowRouter.Providers.Catalog;

namespace FlowRouter.UnitTests.Providers;

public sealed class ModelCatalogTests
{
    [Theory]
    [InlineData("claude-sonnet-4-5-20250929", 64_000)]
    [InlineData("claude-opus-4-1-20250805", 32_000)]
    [InlineData("claude-opus-4-20250514", 32_000)]
    [InlineData("claude-3-5-haiku-latest", 8_192)]
    [InlineData("some-unknown-model", ModelCatalog.DefaultMaxOutputTokens)]
    public void MaxOutputTokens_Model_LongestPrefixWinsElseDefault(string model, int expected) =>
        Assert.Equal(expected, ModelCatalog.MaxOutputTokens(model));
}

using System.Text;
using FlowRouter.Providers.Catalog;

namespace FlowRouter.UnitTests.Providers;

public sealed class ModelCatalogSnapshotTests
{
    private static readonly ModelCatalogSnapshot BuiltIn = ModelCatalog.BuiltIn;

    [Theory]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("GPT-4o", "gpt-4o")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("gpt-4o-2024-05-13", "gpt-4o-2024-05-13")]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini")]
    [InlineData("o3-mini-2025-01-31", "o3-mini")]
    [InlineData("o4-mini", "o4-mini")]
    [InlineData("gpt-5-codex", "gpt-5-codex")]
    [InlineData("gpt-5-mini-2025-08-07", "gpt-5-mini")]
    [InlineData("gpt-5-chat-latest", "gpt-5-chat")]
    [InlineData("gpt-5.1-codex-mini", "gpt-5.1-codex-mini")]
    [InlineData("claude-sonnet-4-5@20250929", "claude-sonnet-4-5")]
    [InlineData("claude-3-5-haiku-latest", "claude-3-5-haiku")]
    [InlineData("gemini-2.5-flash-lite-preview-06-17", "gemini-2.5-flash-lite")]
    [InlineData("gemini-3-pro-preview", "gemini-3-pro")]
    [InlineData("deepseek-reasoner", "deepseek-reasoner")]
    [InlineData("mistral-large-latest", "mistral-large")]
    [InlineData("mistral-large-2411", "mistral-large-2411")]
    [InlineData("codestral-2508", "codestral")]
    [InlineData("grok-4-0709", "grok-4")]
    [InlineData("grok-4-fast-reasoning", "grok-4-fast")]
    [InlineData("grok-3-mini", "grok-3-mini")]
    [InlineData("llama-3.3-70b-versatile", "llama-3.3-70b-versatile")]
    public void Find_NameOrSnapshot_LongestPrefixWins(string model, string expectedPrefix) =>
        Assert.Equal(expectedPrefix, BuiltIn.Find(model)?.Prefix);

    [Theory]
    [InlineData("openai/gpt-4o", "gpt-4o")]
    [InlineData("models/gemini-2.5-pro", "gemini-2.5-pro")]
    [InlineData("openai/gpt-oss-120b", "gpt-oss-120b")]
    [InlineData("meta-llama/llama-4-scout-17b-16e-instruct", "llama-4-scout-17b-16e-instruct")]
    [InlineData("moonshotai/kimi-k2-instruct-0905", "kimi-k2-instruct")]
    [InlineData("  gpt-4o  ", "gpt-4o")]
    public void Find_VendorPrefixedName_MatchesWithoutThePrefix(string model, string expectedPrefix) =>
        Assert.Equal(expectedPrefix, BuiltIn.Find(model)?.Prefix);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("llama3.2:latest")]
    [InlineData("gpt-4oo")]
    [InlineData("gpt-5.5")]
    [InlineData("o1x")]
    [InlineData("openai/")]
    public void Find_UnknownOrDifferentModel_IsNull(string? model) =>
        Assert.Null(BuiltIn.Find(model));

    [Fact]
    public void Find_Entry_CarriesPricesAndCapabilities()
    {
        var entry = BuiltIn.Find("claude-sonnet-4-5-20250929")!;

        Assert.Equal("anthropic", entry.Vendor);
        Assert.Equal(new ModelPrices(3.00m, 15.00m, 0.30m, 3.75m), entry.Prices);
        Assert.True(entry.Tools);
        Assert.True(entry.Vision);
        Assert.True(entry.Reasoning);
        Assert.True(entry.StructuredOutput);

        var chat = BuiltIn.Find("deepseek-chat")!;
        Assert.False(chat.Vision);
        Assert.False(chat.Reasoning);
        Assert.Null(BuiltIn.Find("mistral-small-latest")!.MaxOutputTokens);
    }

    [Fact]
    public void BuiltIn_EveryEntry_IsPlausible()
    {
        foreach (var entry in BuiltIn.Entries)
        {
            Assert.False(string.IsNullOrEmpty(entry.Vendor), entry.Prefix);
            Assert.NotNull(entry.Prices.Input);
            Assert.NotNull(entry.Prices.Output);
            Assert.True(entry.Prices.Output >= entry.Prices.Input, entry.Prefix);
            Assert.True(entry.Prices.CacheRead is null || entry.Prices.CacheRead < entry.Prices.Input, entry.Prefix);
            Assert.InRange(entry.ContextWindow ?? 0, 8_192, 2_000_000);
            Assert.True(entry.MaxOutputTokens is null || entry.MaxOutputTokens <= entry.ContextWindow, entry.Prefix);
        }
    }

    [Fact]
    public void EstimateCost_CachedTokensInsideInput_BilledAtTheirOwnPrices()
    {
        // claude-sonnet-4-5: 3 in, 15 out, 0.30 cache read, 3.75 cache write per 1M.
        // 10,000 input of which 6,000 read and 1,000 written: 3,000 fresh.
        decimal? cost = BuiltIn.EstimateCost("claude-sonnet-4-5", 10_000, 2_000, cacheReadTokens: 6_000, cacheWriteTokens: 1_000);

        decimal expected = (3_000 * 3.00m + 2_000 * 15.00m + 6_000 * 0.30m + 1_000 * 3.75m) / 1_000_000m;
        Assert.Equal(expected, cost);
        Assert.Equal(0.04455m, cost);
    }

    [Fact]
    public void EstimateCost_UnknownCachePrices_FallBackToTheInputPrice()
    {
        // gpt-4o: 2.50 in, 10 out, 1.25 cache read, no cache write price (OpenAI bills writes as input).
        Assert.Equal((500 * 2.50m + 500 * 1.25m + 100 * 10m) / 1_000_000m, BuiltIn.EstimateCost("gpt-4o", 1_000, 100, cacheReadTokens: 500));
        Assert.Equal((1_000 * 2.50m) / 1_000_000m, BuiltIn.EstimateCost("gpt-4o", 1_000, 0, cacheWriteTokens: 400));
        // mistral-small: no cache prices at all.
        Assert.Equal((1_000 * 0.10m) / 1_000_000m, BuiltIn.EstimateCost("mistral-small", 1_000, 0, cacheReadTokens: 1_000));
    }

    [Fact]
    public void EstimateCost_MoreCachedThanInputOrNegative_NeverBillsBelowZero()
    {
        Assert.Equal((100 * 1.25m) / 1_000_000m, BuiltIn.EstimateCost("gpt-4o", 50, -10, cacheReadTokens: 100));
        Assert.Equal(0m, BuiltIn.EstimateCost("gpt-4o", 0, 0));
    }

    [Fact]
    public void EstimateCost_UnknownModelOrPrice_IsNull()
    {
        Assert.Null(BuiltIn.EstimateCost("my-private-model", 1_000, 1_000));
        var noPrices = BuiltIn.WithOverride(Utf8("""{ "models": [ { "id": "local-llm", "context_window": 8192 } ] }"""), "test");
        Assert.Null(noPrices.EstimateCost("local-llm", 1_000, 1_000));
    }

    [Fact]
    public void WithOverride_SameId_ReplacesOnlyTheStatedFields()
    {
        var merged = BuiltIn.WithOverride(Utf8("""
            // comments and trailing commas are fine in a user file
            {
              "as_of": "2030-01-01",
              "models": [
                { "id": "GPT-4O", "price": { "input": 2.00 }, },
                { "id": "gpt-4o-mini", "capabilities": ["tools"], "vendor": "azure" },
                { "id": "gpt-4.1", "price": null },
              ],
            }
            """), "user.json");

        var gpt4o = merged.Find("gpt-4o-2024-11-20")!;
        Assert.Equal(new ModelPrices(2.00m, 10.00m, 1.25m, null), gpt4o.Prices);
        Assert.Equal(128_000, gpt4o.ContextWindow);
        Assert.True(gpt4o.Vision);

        var mini = merged.Find("gpt-4o-mini")!;
        Assert.Equal("azure", mini.Vendor);
        Assert.True(mini.Tools);
        Assert.False(mini.Vision);
        Assert.False(mini.StructuredOutput);
        Assert.Equal(0.15m, mini.Prices.Input);

        Assert.Equal(ModelPrices.Unknown, merged.Find("gpt-4.1")!.Prices);
        Assert.Equal("2030-01-01", merged.AsOf);
        Assert.Equal(BuiltIn.Entries.Count, merged.Entries.Count);
        Assert.Equal(2.50m, BuiltIn.Find("gpt-4o")!.Prices.Input);
    }

    [Fact]
    public void WithOverride_NewIds_AreAddedAndCanBeMoreSpecific()
    {
        var merged = BuiltIn.WithOverride(Utf8("""
            { "models": [
                { "id": "gpt-4o-custom", "vendor": "azure", "context_window": 64000, "max_output_tokens": 4096,
                  "price": { "input": 1, "output": 2, "cache_read": null, "cache_write": null }, "capabilities": ["tools"] },
                { "id": "accounts/fireworks/models/qwen3", "price": { "input": 0.2, "output": 0.8 } }
            ] }
            """), "user.json");

        Assert.Equal(64_000, merged.Find("gpt-4o-custom-eu")!.ContextWindow);
        Assert.Equal(128_000, merged.Find("gpt-4o")!.ContextWindow);
        Assert.Equal(0.2m, merged.Find("accounts/fireworks/models/qwen3-235b")!.Prices.Input);
        Assert.Equal(BuiltIn.Entries.Count + 2, merged.Entries.Count);
    }

    [Theory]
    [InlineData("""{ "models": [ { "id": "a" }, { "context_window": 5 } ] }""", "models[1]", "\"id\"")]
    [InlineData("""{ "models": [ { "id": "a", "context_window": "big" } ] }""", "models[0] (\"a\")", "context_window")]
    [InlineData("""{ "models": [ { "id": "a", "max_output_tokens": 1.5 } ] }""", "models[0]", "max_output_tokens")]
    [InlineData("""{ "models": [ { "id": "a", "price": { "input": -1 } } ] }""", "models[0]", "price.input")]
    [InlineData("""{ "models": [ { "id": "a", "price": { "inptu": 1 } } ] }""", "models[0]", "inptu")]
    [InlineData("""{ "models": [ { "id": "a", "capabilities": ["vison"] } ] }""", "models[0]", "vison")]
    [InlineData("""{ "models": [ { "id": "a", "contxt_window": 5 } ] }""", "models[0]", "contxt_window")]
    [InlineData("""{ "models": [ { "id": "a" }, { "id": "A" } ] }""", "models[1]", "twice")]
    [InlineData("""{ "models": [ 42 ] }""", "models[0]", "object")]
    [InlineData("""{ "entries": [] }""", "user.json", "entries")]
    [InlineData("""{ }""", "user.json", "models")]
    [InlineData("""[ ]""", "user.json", "root")]
    [InlineData("""{ "models": [ { "id": "a" """, "user.json", "line 1")]
    public void WithOverride_BadData_FormatExceptionNamesTheFileAndEntry(string json, string where, string what)
    {
        var error = Assert.Throws<FormatException>(() => BuiltIn.WithOverride(Utf8(json), "user.json"));

        Assert.Contains("user.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

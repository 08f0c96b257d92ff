using FlowRouter.Providers.Catalog;

namespace FlowRouter.UnitTests.Providers;

/// <summary>
/// Tests of the static facade. Every test that swaps <see cref="ModelCatalog.Current"/> lives in this class, so
/// xUnit runs them one after another (classes run in parallel, tests of one class do not).
/// </summary>
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

    [Theory]
    [InlineData("claude-opus-4-7", true)]
    [InlineData("claude-opus-4-6", true)]
    [InlineData("claude-opus-4-5-20251101", true)]
    [InlineData("claude-opus-4-1-20250805", true)]
    [InlineData("claude-opus-4-20250514", false)]
    [InlineData("claude-sonnet-4-6", true)]
    [InlineData("claude-sonnet-4-5-20250929", true)]
    [InlineData("claude-sonnet-4-20250514", false)]
    [InlineData("claude-haiku-4-5-20251001", true)]
    [InlineData("claude-3-7-sonnet-20250219", false)]
    [InlineData("claude-3-5-sonnet-20241022", false)]
    [InlineData("claude-3-haiku-20240307", false)]
    [InlineData("unknown-model", false)]
    public void HasStructuredOutput_ClaudeModels_KeepTheirFlags(string model, bool expected) =>
        Assert.Equal(expected, ModelCatalog.HasStructuredOutput(model));

    [Theory]
    [InlineData("claude-opus-4-7", 200_000, 64_000)]
    [InlineData("claude-opus-4-6", 200_000, 64_000)]
    [InlineData("claude-opus-4-5", 200_000, 64_000)]
    [InlineData("claude-opus-4-1", 200_000, 32_000)]
    [InlineData("claude-opus-4", 200_000, 32_000)]
    [InlineData("claude-sonnet-4-6", 200_000, 64_000)]
    [InlineData("claude-sonnet-4-5", 200_000, 64_000)]
    [InlineData("claude-sonnet-4", 200_000, 64_000)]
    [InlineData("claude-haiku-4-5", 200_000, 64_000)]
    [InlineData("claude-3-7-sonnet", 200_000, 64_000)]
    [InlineData("claude-3-5-sonnet", 200_000, 8_192)]
    [InlineData("claude-3-5-haiku", 200_000, 8_192)]
    [InlineData("claude-3-opus", 200_000, 4_096)]
    [InlineData("claude-3-haiku", 200_000, 4_096)]
    public void Find_ClaudeEntries_KeepTheLimitsShippedBeforeTheDataFile(string model, int context, int output)
    {
        var entry = ModelCatalog.Find(model);
        Assert.NotNull(entry);
        Assert.Equal(model, entry.Prefix);
        Assert.Equal(context, entry.ContextWindow);
        Assert.Equal(output, entry.MaxOutputTokens);
    }

    [Fact]
    public void BuiltIn_DataFile_StatesWhenTheFiguresWereTaken()
    {
        Assert.False(string.IsNullOrEmpty(ModelCatalog.BuiltIn.AsOf));
        Assert.True(ModelCatalog.BuiltIn.Entries.Count > 50);
    }

    [Fact]
    public void EstimateCost_Static_UsesTheCurrentCatalog() =>
        Assert.Equal(12.5m, ModelCatalog.EstimateCost("gpt-4o", 1_000_000, 1_000_000));

    [Fact]
    public void LoadOverride_UserFile_WinsUntilTheBuiltInDataIsPutBack()
    {
        string path = Path.Combine(Path.GetTempPath(), $"flowrouter-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "models": [ { "id": "gpt-4o", "max_output_tokens": 1000 }, { "id": "my-local-model", "context_window": 32768 } ] }""");
        try
        {
            var loaded = ModelCatalog.LoadOverride(path);

            Assert.Same(loaded, ModelCatalog.Current);
            Assert.Equal(1000, ModelCatalog.MaxOutputTokens("gpt-4o-2024-08-06"));
            Assert.Equal(32768, ModelCatalog.Find("my-local-model")?.ContextWindow);
            Assert.Equal(ModelCatalog.BuiltIn.AsOf, loaded.AsOf);
        }
        finally
        {
            ModelCatalog.Use(null);
            File.Delete(path);
        }
        Assert.Equal(16384, ModelCatalog.MaxOutputTokens("gpt-4o"));
        Assert.Null(ModelCatalog.Find("my-local-model"));
    }

    [Fact]
    public void LoadOverride_BadFile_ThrowsWithThePathAndLeavesTheCatalogAlone()
    {
        string path = Path.Combine(Path.GetTempPath(), $"flowrouter-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "models": [ { "id": "ok-model" }, { "id": "gpt-4o", "context_window": -5 } ] }""");
        try
        {
            var before = ModelCatalog.Current;
            var error = Assert.Throws<FormatException>(() => ModelCatalog.LoadOverride(path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("models[1]", error.Message, StringComparison.Ordinal);
            Assert.Same(before, ModelCatalog.Current);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

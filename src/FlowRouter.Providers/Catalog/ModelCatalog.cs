namespace FlowRouter.Providers.Catalog;

/// <summary>
/// The model catalog in use: the data file shipped inside the binary (Catalog/models.json, list prices, as of the
/// date it states), optionally with a user file merged over it (<see cref="LoadOverride"/>). Used where a wire format
/// needs a value the client did not give (Anthropic requires max_tokens, OpenAI clients usually omit it), to clamp
/// max_tokens, for cost-optimal routing and for cost estimates. Unknown models work; they just lack these facts.
/// The current snapshot is immutable and swapped atomically.
/// </summary>
public static class ModelCatalog
{
    /// <summary>Accepted by every Claude model, old and new.</summary>
    public const int DefaultMaxOutputTokens = 4096;

    /// <summary>The manifest name of the built-in data file.</summary>
    public const string BuiltInResourceName = "FlowRouter.Providers.Catalog.models.json";

    private static readonly Lazy<ModelCatalogSnapshot> BuiltInData = new(LoadBuiltIn);
    private static ModelCatalogSnapshot? _current;

    /// <summary>The data shipped with the binary.</summary>
    public static ModelCatalogSnapshot BuiltIn => BuiltInData.Value;

    /// <summary>The catalog in use: the built-in data, or the last snapshot passed to <see cref="Use"/>.</summary>
    public static ModelCatalogSnapshot Current => Volatile.Read(ref _current) ?? BuiltIn;

    /// <summary>Reads a user catalog file and merges it over the built-in data, without putting it in use.</summary>
    /// <exception cref="FormatException">The file is not a valid catalog; the message names the file and the entry.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelCatalogSnapshot ReadOverride(string path) =>
        BuiltIn.WithOverride(File.ReadAllBytes(path), path);

    /// <summary>
    /// Merges a user catalog file over the built-in data (user entries win, field by field) and puts the result in
    /// use. Loading again starts from the built-in data, so a reloaded file replaces the previous override.
    /// </summary>
    /// <exception cref="FormatException">The file is not a valid catalog; the current catalog is left unchanged.</exception>
    /// <exception cref="IOException">The file cannot be read; the current catalog is left unchanged.</exception>
    public static ModelCatalogSnapshot LoadOverride(string path)
    {
        var snapshot = ReadOverride(path);
        Use(snapshot);
        return snapshot;
    }

    /// <summary>Puts a snapshot in use (null: back to the built-in data).</summary>
    public static void Use(ModelCatalogSnapshot? snapshot) => Volatile.Write(ref _current, snapshot);

    /// <summary>The limits of the best-matching entry, or null when the model is not in the catalog.</summary>
    public static ModelLimits? Find(string model) => Current.Find(model);

    /// <summary>The largest answer the model may give; <see cref="DefaultMaxOutputTokens"/> when unknown.</summary>
    public static int MaxOutputTokens(string model) => Find(model)?.MaxOutputTokens ?? DefaultMaxOutputTokens;

    /// <summary>
    /// True when the model follows a JSON schema natively. Unknown models get false: the forced-tool form works on
    /// every model with tool use, the native one only where it exists.
    /// </summary>
    public static bool HasStructuredOutput(string model) => Find(model)?.StructuredOutput ?? false;

    /// <inheritdoc cref="ModelCatalogSnapshot.EstimateCost"/>
    public static decimal? EstimateCost(string model, long inputTokens, long outputTokens, long cacheReadTokens = 0, long cacheWriteTokens = 0) =>
        Current.EstimateCost(model, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens);

    private static ModelCatalogSnapshot LoadBuiltIn()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(BuiltInResourceName)
            ?? throw new InvalidOperationException($"The built-in model catalog resource '{BuiltInResourceName}' is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return ModelCatalogSnapshot.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "built-in models.json");
    }
}

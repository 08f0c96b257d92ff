namespace FlowRouter.Providers.Catalog;

/// <summary>
/// One immutable version of the model catalog (built-in data, possibly with a user file merged over it). Lookups
/// are by longest prefix, case-insensitive, where the prefix must end the name or be followed by '-', '_', ':' or
/// '@': a dated snapshot ("gpt-4o-2024-08-06") or alias ("claude-3-5-haiku-latest") shares its family's entry, while
/// "gpt-4o" never matches "gpt-4.1" and "gpt-5" never matches "gpt-5.5". A name the upstream knows with a vendor
/// prefix ("openai/gpt-oss-120b", "models/gemini-2.5-pro") is tried as given, then without the part up to the last '/'.
/// </summary>
public sealed class ModelCatalogSnapshot
{
    private const decimal TokensPerPriceUnit = 1_000_000m;

    /// <summary>Longest prefix first, so the first match is the best one.</summary>
    private readonly ModelLimits[] _byLength;

    /// <summary>
    /// Answers already looked up (misses too): every request prices its answer by the upstream model, and the same few
    /// names come back all day, so the prefix scan runs once per name. Bounded; cleared when full.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ModelLimits?> _found = new(StringComparer.Ordinal);

    private const int MaxRemembered = 4096;

    internal ModelCatalogSnapshot(IEnumerable<ModelLimits> entries, string? asOf)
    {
        _byLength = [.. entries.OrderByDescending(e => e.Prefix.Length).ThenBy(e => e.Prefix, StringComparer.OrdinalIgnoreCase)];
        AsOf = asOf;
    }

    /// <summary>When the figures were taken (the file's "as_of"), or null when the file does not say.</summary>
    public string? AsOf { get; }

    /// <summary>Every entry, longest prefix first.</summary>
    public IReadOnlyList<ModelLimits> Entries => _byLength;

    /// <summary>Parses a catalog file on its own (no built-in data underneath).</summary>
    /// <exception cref="FormatException">The data is not a valid catalog; the message names the source and entry.</exception>
    public static ModelCatalogSnapshot Parse(ReadOnlyMemory<byte> json, string source) =>
        ModelCatalogReader.Read(json, source, null);

    /// <summary>
    /// This catalog with a user file merged over it: an entry whose id is already known (case-insensitive) keeps
    /// every field the user entry does not state (inside "price" field by field); new ids are added.
    /// </summary>
    /// <exception cref="FormatException">The data is not a valid catalog; the message names the source and entry.</exception>
    public ModelCatalogSnapshot WithOverride(ReadOnlyMemory<byte> json, string source) =>
        ModelCatalogReader.Read(json, source, this);

    /// <summary>The best-matching entry, or null when the model is not in the catalog.</summary>
    public ModelLimits? Find(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }
        if (_found.TryGetValue(model, out var known))
        {
            return known;
        }
        if (_found.Count >= MaxRemembered)
        {
            _found.Clear();
        }
        return _found[model] = Scan(model);
    }

    private ModelLimits? Scan(string model)
    {
        var name = model.AsSpan().Trim();
        var hit = Match(name);
        int slash = name.LastIndexOf('/');
        return hit is null && slash >= 0 ? Match(name[(slash + 1)..]) : hit;
    }

    /// <summary>
    /// The list-price cost in USD, or null when the model or its input/output price is unknown. Follows FlowRouter's
    /// canonical usage convention: <paramref name="inputTokens"/> INCLUDES the cached ones, so the uncached part
    /// (input − cache read − cache write) is billed at the input price, cache reads and writes at their own prices
    /// (the input price when those are unknown). Negative counts are taken as zero.
    /// </summary>
    public decimal? EstimateCost(string model, long inputTokens, long outputTokens, long cacheReadTokens = 0, long cacheWriteTokens = 0)
    {
        var prices = Find(model)?.Prices;
        if (prices?.Input is not decimal input || prices.Output is not decimal output)
        {
            return null;
        }
        long read = Math.Max(0, cacheReadTokens);
        long write = Math.Max(0, cacheWriteTokens);
        long fresh = Math.Max(0, Math.Max(0, inputTokens) - read - write);
        decimal total = fresh * input
            + Math.Max(0, outputTokens) * output
            + read * (prices.CacheRead ?? input)
            + write * (prices.CacheWrite ?? input);
        return total / TokensPerPriceUnit;
    }

    private ModelLimits? Match(ReadOnlySpan<char> name)
    {
        foreach (var entry in _byLength)
        {
            string prefix = entry.Prefix;
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (name.Length == prefix.Length || IsBoundary(name[prefix.Length])))
            {
                return entry;
            }
        }
        return null;
    }

    // '.' is deliberately not a boundary: "gpt-5.5" is another model than "gpt-5", not a snapshot of it.
    private static bool IsBoundary(char c) => c is '-' or '_' or ':' or '@';
}

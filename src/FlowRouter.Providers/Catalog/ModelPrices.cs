namespace FlowRouter.Providers.Catalog;

/// <summary>
/// List prices in USD per 1 million tokens. Null is unknown or not applicable; an unknown cache price is billed at
/// <see cref="Input"/> (vendors that do not charge for cache writes bill them as ordinary input).
/// </summary>
public sealed record ModelPrices(decimal? Input, decimal? Output, decimal? CacheRead, decimal? CacheWrite)
{
    public static readonly ModelPrices Unknown = new(null, null, null, null);
}

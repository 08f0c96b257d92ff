namespace FlowRouter.Core.Config;

/// <summary>
/// A client key: its name (shown in logs), the SHA-256 of the key (the plaintext is never kept), and what it may do:
/// which models and providers, how many requests and tokens a minute, how many dollars a day and a month, until when.
/// </summary>
public sealed record ClientKeyConfig(string Name, byte[] Sha256)
{
    /// <summary>Addresses (provider/model, combo names, bare names) or patterns ending in "*" this key may ask for; null: any.</summary>
    public IReadOnlyList<string>? AllowedModels { get; init; }

    /// <summary>Provider ids this key's requests may reach; null: any.</summary>
    public IReadOnlyList<string>? AllowedProviders { get; init; }

    public int? RequestsPerMinute { get; init; }
    public long? TokensPerMinute { get; init; }
    public decimal? DailyBudgetUsd { get; init; }
    public decimal? MonthlyBudgetUsd { get; init; }

    /// <summary>After this instant the key is refused (401), or null for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>A revoked key is refused (401) but kept, so its usage stays attributed.</summary>
    public bool Revoked { get; init; }

    /// <summary>The token saver for this key's requests (null: the combo's or the server's choice).</summary>
    public bool? TokenSaver { get; init; }

    /// <summary>Caveman mode for this key's requests (null: the server's level).</summary>
    public string? Caveman { get; init; }

    /// <summary>Where this entry came from: "config" (the file, read-only in the admin API) or "api" (the store).</summary>
    public string Origin { get; init; } = ConfigOrigins.File;

    /// <summary>When a key made through the admin API or the CLI was created; null for keys from the file.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>True when any limit applies, so keys without limits skip the counters entirely.</summary>
    public bool HasLimits => RequestsPerMinute is not null || TokensPerMinute is not null || DailyBudgetUsd is not null || MonthlyBudgetUsd is not null;
}

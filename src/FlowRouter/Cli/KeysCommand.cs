using System.Globalization;
using System.Text.Json.Nodes;
using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Runtime.Editing;

namespace FlowRouter.Cli;

/// <summary>
/// `flowrouter keys create NAME [limits]` (prints the new flr_ key once, on stdout alone so scripts can capture it),
/// `flowrouter keys list` (names, where each comes from, state and limits; never a key) and `flowrouter keys revoke
/// NAME`. Keys from the config file are read-only here. Exit codes: 0 ok, 1 refused or failed, 2 bad usage.
/// </summary>
internal static class KeysCommand
{
    /// <summary>The limits `keys create` takes, each optional.</summary>
    public sealed record Limits(
        string? Models = null, string? Providers = null, int? Rpm = null, long? Tpm = null,
        decimal? DailyBudgetUsd = null, decimal? MonthlyBudgetUsd = null, string? Expires = null);

    public static int Create(string name, Limits limits, ServeOptions options, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        using var access = StoredConfigAccess.Open(options, "keys create", stderr, environment);
        if (access is null)
        {
            return CliApp.ExitUsage;
        }
        return Run(stderr, "keys create", () =>
        {
            var (key, plaintext) = access.Editor.CreateKey(Document(name, limits));
            stdout.WriteLine(plaintext);
            stderr.WriteLine($"Created client key '{key.Name}'. This is the only time the key is shown: store it now.");
        });
    }

    public static int List(ServeOptions options, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        using var access = StoredConfigAccess.Open(options, "keys list", stderr, environment);
        if (access is null)
        {
            return CliApp.ExitUsage;
        }
        var keys = access.Compose().Keys;
        if (keys.Count == 0)
        {
            stdout.WriteLine("No client key yet: /v1 is open to this machine's clients. Create one with 'flowrouter keys create NAME'.");
            return CliApp.ExitOk;
        }
        var now = DateTimeOffset.UtcNow;
        string[] header = ["name", "from", "state", "created", "limits"];
        var rows = keys.Select(k => new[] { k.Name, k.Origin, State(k, now), k.CreatedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-", Describe(k) }).ToList();
        TextTable.Write(stdout, header, rows);
        return CliApp.ExitOk;
    }

    public static int Revoke(string name, ServeOptions options, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        using var access = StoredConfigAccess.Open(options, "keys revoke", stderr, environment);
        if (access is null)
        {
            return CliApp.ExitUsage;
        }
        return Run(stderr, "keys revoke", () =>
        {
            access.Editor.RevokeKey(name);
            stdout.WriteLine($"Revoked client key '{name}': its requests are refused from now on (a running server picks this up within seconds).");
        });
    }

    private static int Run(TextWriter stderr, string command, Action change)
    {
        try
        {
            change();
            return CliApp.ExitOk;
        }
        catch (ConfigEditException ex)
        {
            stderr.WriteLine($"flowrouter: {command}: {ex.Message}");
            return ex.Status == 400 ? CliApp.ExitUsage : CliApp.ExitFailure;
        }
    }

    private static JsonObject Document(string name, Limits limits)
    {
        var document = new JsonObject { ["name"] = name };
        if (limits.Models is { } models)
        {
            document["allowed_models"] = List(models);
        }
        if (limits.Providers is { } providers)
        {
            document["allowed_providers"] = List(providers);
        }
        Set(document, "rpm", limits.Rpm);
        Set(document, "tpm", limits.Tpm);
        Set(document, "daily_budget_usd", limits.DailyBudgetUsd);
        Set(document, "monthly_budget_usd", limits.MonthlyBudgetUsd);
        if (limits.Expires is { } expires)
        {
            document["expires"] = expires;
        }
        return document;
    }

    private static JsonArray List(string commaSeparated) =>
        new(commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static void Set(JsonObject document, string name, long? value)
    {
        if (value is { } v)
        {
            document[name] = v;
        }
    }

    private static void Set(JsonObject document, string name, decimal? value)
    {
        if (value is { } v)
        {
            document[name] = v;
        }
    }

    private static string State(ClientKeyConfig key, DateTimeOffset now) =>
        key.Revoked ? "revoked" : key.ExpiresAt is { } expires && now >= expires ? "expired" : "active";

    private static string Describe(ClientKeyConfig k)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        if (k.RequestsPerMinute is { } rpm)
        {
            parts.Add(rpm.ToString("N0", inv) + " req/min");
        }
        if (k.TokensPerMinute is { } tpm)
        {
            parts.Add(tpm.ToString("N0", inv) + " tok/min");
        }
        if (k.DailyBudgetUsd is { } daily)
        {
            parts.Add("$" + daily.ToString("0.##", inv) + "/day");
        }
        if (k.MonthlyBudgetUsd is { } monthly)
        {
            parts.Add("$" + monthly.ToString("0.##", inv) + "/month");
        }
        if (k.AllowedModels is { } models)
        {
            parts.Add("models " + string.Join(",", models));
        }
        if (k.AllowedProviders is { } providers)
        {
            parts.Add("providers " + string.Join(",", providers));
        }
        if (k.ExpiresAt is { } expires)
        {
            parts.Add("until " + expires.ToString("yyyy-MM-dd HH:mm", inv));
        }
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }
}

using System.Globalization;
using FlowRouter.Hosting;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Cli;

/// <summary>
/// `flowrouter usage [--since 7d] [--by provider|model|key] [--data-dir DIR]`: the request log summed per group as a
/// readable table (requests, errors, tokens, list-price cost, average latency). Reads the store; safe while serving.
/// </summary>
internal static class UsageCommand
{
    public static int Run(string? since, string? by, string? dataDirFlag, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        if (!Periods.TryParse(since ?? "7d", out var period))
        {
            stderr.WriteLine($"flowrouter: usage: --since '{since}' is not a period such as 30m, 24h or 7d");
            return CliApp.ExitUsage;
        }
        UsageGrouping grouping;
        switch (by ?? "provider")
        {
            case "provider": grouping = UsageGrouping.Provider; break;
            case "model": grouping = UsageGrouping.Model; break;
            case "key": grouping = UsageGrouping.Key; break;
            default:
                stderr.WriteLine($"flowrouter: usage: --by '{by}' is not one of provider, model, key");
                return CliApp.ExitUsage;
        }
        string dataDir = SettingsResolver.ResolveDataDir(dataDirFlag, environment);
        IReadOnlyList<UsageSummaryRow> rows;
        try
        {
            using var store = SqliteStore.OpenExisting(dataDir);
            rows = store.UsageSince(TimeProvider.System.GetUtcNow() - period, grouping);
        }
        catch (StoreException ex)
        {
            stderr.WriteLine("flowrouter: usage: " + ex.Message);
            return CliApp.ExitFailure;
        }
        Write(stdout, grouping.ToString().ToLowerInvariant(), since ?? "7d", rows);
        return CliApp.ExitOk;
    }

    private static void Write(TextWriter stdout, string groupName, string since, IReadOnlyList<UsageSummaryRow> rows)
    {
        if (rows.Count == 0)
        {
            stdout.WriteLine($"No requests in the last {since}.");
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        string[] header = [groupName, "requests", "errors", "tokens in", "tokens out", "cached", "cost (USD)", "avg latency"];
        var lines = rows.Select(r => new[]
        {
            r.Group, r.Requests.ToString("N0", inv), r.Errors.ToString("N0", inv), r.InputTokens.ToString("N0", inv), r.OutputTokens.ToString("N0", inv),
            r.CachedTokens.ToString("N0", inv), "$" + r.CostUsd.ToString("0.0000", inv), r.AverageLatencyMs.ToString("0", inv) + " ms",
        }).ToList();
        lines.Add(["total", rows.Sum(r => r.Requests).ToString("N0", inv), rows.Sum(r => r.Errors).ToString("N0", inv),
            rows.Sum(r => r.InputTokens).ToString("N0", inv), rows.Sum(r => r.OutputTokens).ToString("N0", inv), rows.Sum(r => r.CachedTokens).ToString("N0", inv),
            "$" + rows.Sum(r => r.CostUsd).ToString("0.0000", inv), ""]);
        stdout.WriteLine($"Usage in the last {since}, by {groupName} (cost at list prices from the model catalog):");
        TextTable.Write(stdout, header, lines, column => column > 0);
    }
}

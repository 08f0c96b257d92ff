using FlowRouter.Core.Config;

namespace FlowRouter.Runtime;

/// <summary>Value comparison of provider entries (records compare their lists by reference, which is not enough here).</summary>
internal static class ProviderEntries
{
    public static bool Same(ProviderConfig a, ProviderConfig b) =>
        a.Id == b.Id && a.Type == b.Type && a.BaseUrl == b.BaseUrl && a.Enabled == b.Enabled && a.Origin == b.Origin && a.Problem == b.Problem
        && a.AutoCacheBreakpoints == b.AutoCacheBreakpoints && a.AllowPrivateImageUrls == b.AllowPrivateImageUrls && a.Timeouts == b.Timeouts
        && a.ApiKeys.SequenceEqual(b.ApiKeys, StringComparer.Ordinal)
        && (a.Models is null ? b.Models is null : b.Models is not null && a.Models.SequenceEqual(b.Models, StringComparer.Ordinal))
        && a.Headers.Count == b.Headers.Count && a.Headers.All(h => b.Headers.TryGetValue(h.Key, out var v) && v == h.Value);
}

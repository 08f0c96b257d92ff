using System.Globalization;

namespace FlowRouter.Hosting;

/// <summary>Periods as people type them: 30m, 24h, 7d, 2w (the CLI's --since and the admin API's ?since=).</summary>
internal static class Periods
{
    public static bool TryParse(string text, out TimeSpan period)
    {
        period = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
        {
            return false;
        }
        period = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7 * n),
            _ => TimeSpan.Zero,
        };
        return period > TimeSpan.Zero;
    }
}

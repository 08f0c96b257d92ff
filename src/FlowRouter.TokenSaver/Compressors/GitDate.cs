using System.Globalization;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>git's default date, <c>Thu Aug 20 09:12:10 2026 -0700</c>, shortened to <c>2026-08-20 09:12</c> (the
/// author's local time, as git printed it). Any other format is left as it is.</summary>
internal static class GitDate
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static string Shorten(string date)
    {
        string[] p = date.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (p.Length != 6 || p[0].Length != 3 || p[3].Length != 8 || p[3][2] != ':' || p[4].Length != 4)
        {
            return date;
        }
        int month = Array.IndexOf(Months, p[1]) + 1;
        if (month == 0 || !int.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out int day) || day is < 1 or > 31
            || !int.TryParse(p[4], NumberStyles.None, CultureInfo.InvariantCulture, out int year))
        {
            return date;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2} {p[3][..5]}");
    }

    /// <summary>The day only: <c>2026-08-20</c> (any other format is left as it is).</summary>
    public static string Day(string date)
    {
        string s = Shorten(date);
        return s.Length == 16 && s[4] == '-' && s[10] == ' ' ? s[..10] : s;
    }
}

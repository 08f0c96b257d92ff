namespace FlowRouter.BrowserTests;

/// <summary>
/// A test that drives Debian's chromium through Playwright. Skipped, saying why, only when /usr/bin/chromium is
/// missing (.ci/run installs it); Playwright's own browser downloads are never used.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"{ChromiumPath} is missing: the browser tests drive Debian's chromium (apt-get install chromium).";
        }
    }
}

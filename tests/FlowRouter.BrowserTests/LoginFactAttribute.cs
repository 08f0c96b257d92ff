using FlowRouter.Hosting;

namespace FlowRouter.BrowserTests;

/// <summary>
/// A browser test of the admin login. Skipped, saying why, while this build has no login (the admin-login work is
/// merged separately); otherwise the same as <see cref="ChromiumFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LoginFactAttribute : FactAttribute
{
    public static bool LoginBuilt => typeof(FlowRouterServer).Assembly.GetType("FlowRouter.Endpoints.Admin.LoginApi") is not null;

    public LoginFactAttribute()
    {
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath))
        {
            Skip = $"{ChromiumFactAttribute.ChromiumPath} is missing: the browser tests drive Debian's chromium (apt-get install chromium).";
        }
        else if (!LoginBuilt)
        {
            Skip = "this build has no admin login (GET /api/session, POST /api/login): nothing to log in to yet.";
        }
    }
}

using Microsoft.AspNetCore.Http;

namespace FlowRouter.Hosting.Login;

/// <summary>
/// The session cookie: HttpOnly (scripts never see it), SameSite=Strict (no other site's page can make the browser
/// send it), Path=/, Secure when the request came over HTTPS, and kept for at most the session's absolute lifetime.
/// </summary>
internal static class SessionCookie
{
    public static void Append(HttpContext http, string id) => http.Response.Cookies.Append(SessionStore.CookieName, id, Options(http));

    public static void Delete(HttpContext http) => http.Response.Cookies.Delete(SessionStore.CookieName, Options(http));

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        MaxAge = SessionStore.AbsoluteLifetime,
        IsEssential = true,
    };
}

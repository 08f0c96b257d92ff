using FlowRouter.Core.Errors;
using FlowRouter.Ingress;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Hosting;

/// <summary>
/// The first thing every request meets (DESIGN.md §6b): a Host that is not one of this server's names is refused
/// (DNS rebinding), a state-changing request (POST, PUT, PATCH, DELETE) whose Origin or Referer is another site's is
/// refused (cross-site requests: a page's form or fetch reaches 127.0.0.1 like any other address), and a
/// state-changing admin call must be JSON, which a page cannot send cross-site without a CORS preflight that this
/// server never grants. Holds the same with or without an admin login: a logged-in browser is the one a hostile
/// page would ride on.
/// </summary>
internal sealed class CrossSiteGuard(AllowedHosts hosts)
{
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (Refusal(http.Request) is { } refused)
        {
            await ErrorShapeByPath.For(http.Request).WriteErrorAsync(http, refused).ConfigureAwait(false);
            return;
        }
        await next(http).ConfigureAwait(false);
    }

    private GatewayError? Refusal(HttpRequest request)
    {
        if (!hosts.IsAllowed(request.Host))
        {
            return Forbidden("host_not_allowed",
                $"Host '{request.Host.Host}' is not a name this server answers to. Use 127.0.0.1 or localhost, or add the name to server.allowed_hosts (for a reverse proxy).");
        }
        if (!IsStateChanging(request.Method))
        {
            return null;
        }
        if (ForeignOrigin(request) is { } origin)
        {
            return Forbidden("cross_site_request",
                $"A {request.Method} from another site ({origin}) is refused: only pages served by this server may change or use it from a browser.");
        }
        if (request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && !IsJson(request.ContentType))
        {
            return Forbidden("json_content_type_required",
                $"A {request.Method} to the admin API needs 'Content-Type: application/json' (even with an empty body).");
        }
        return null;
    }

    /// <summary>The Origin (or, without one, the Referer) when it is not this server's own; null when absent or own.</summary>
    private string? ForeignOrigin(HttpRequest request)
    {
        string? origin = request.Headers.Origin;
        if (string.IsNullOrEmpty(origin))
        {
            string? referer = request.Headers.Referer;
            if (string.IsNullOrEmpty(referer))
            {
                return null;
            }
            origin = Uri.TryCreate(referer, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : referer;
        }
        return hosts.IsOwnOrigin(origin, request.Host) ? null : Shorten(origin);
    }

    private static bool IsStateChanging(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }
        var mediaType = contentType.AsSpan();
        int semicolon = mediaType.IndexOf(';');
        return (semicolon >= 0 ? mediaType[..semicolon] : mediaType).Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static GatewayError Forbidden(string code, string message) =>
        new(ErrorKind.PermissionDenied, StatusCodes.Status403Forbidden, message) { Code = code };

    private static string Shorten(string text) => text.Length <= 100 ? text : string.Concat(text.AsSpan(0, 100), "…");
}

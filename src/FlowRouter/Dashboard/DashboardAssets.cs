using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Dashboard;

/// <summary>
/// The dashboard: plain files (HTML, ES modules, CSS, SVG) from Dashboard/wwwroot, embedded in the binary, so it
/// works offline with no build step and no CDN. GET / is index.html; GET /ui/{path} the other files. Every answer
/// carries a strict Content-Security-Policy (same-origin scripts, styles, connections; no inline script; no
/// framing). The files hold no data: every number on the page comes from the admin API, which checks access.
/// </summary>
internal sealed class DashboardAssets
{
    private const string ResourcePrefix = "dashboard/";
    private const string IndexFile = "index.html";

    private const string SecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private readonly FrozenDictionary<string, Asset> _assets;

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] bytes = copy.ToArray();
            string path = name[ResourcePrefix.Length..].Replace('\\', '/');
            assets[path] = new Asset(bytes, ContentTypeOf(path), "\"" + Convert.ToHexString(SHA256.HashData(bytes), 0, 8) + "\"");
        }
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public int Count => _assets.Count;

    public Task IndexAsync(HttpContext http) => ServeAsync(http, IndexFile);

    public Task FileAsync(HttpContext http, string path) => ServeAsync(http, path);

    private async Task ServeAsync(HttpContext http, string path)
    {
        if (!_assets.TryGetValue(path, out var asset))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"No dashboard file '{path}'.", http.RequestAborted).ConfigureAwait(false);
            return;
        }
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = SecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        // Revalidate every time: the files change with the binary, and a 304 costs one round trip on loopback.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = asset.ContentType;
        http.Response.ContentLength = asset.Bytes.Length;
        await http.Response.Body.WriteAsync(asset.Bytes, http.RequestAborted).ConfigureAwait(false);
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json",
        ".txt" or ".md" => "text/plain; charset=utf-8",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
}

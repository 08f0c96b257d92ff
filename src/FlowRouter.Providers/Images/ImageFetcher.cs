using System.Buffers;
using System.Net;
using System.Net.Sockets;
using FlowRouter.Core.Buffers;

namespace FlowRouter.Providers.Images;

/// <summary>
/// Fetches an image given by http(s) URL so it can go to a provider that takes only inline data (Gemini reads
/// inlineData or its own file URIs, never arbitrary URLs). The URL comes from a client, so: http and https only; the
/// host's addresses are checked after DNS resolution, in the connect step, and the connection is made to exactly
/// the addresses checked (no second lookup an attacker's DNS could answer differently); redirects are followed by
/// hand, at most <see cref="MaxRedirects"/>, each hop checked the same way; the body is capped (20 MB by default,
/// Gemini's own inline request limit) by Content-Length and by bytes read, and so is the total a request may fetch
/// (<see cref="MaxRequestBytes"/>); the media type must be image/* (or, when the server says nothing useful,
/// recognisable image bytes). Private addresses are allowed only when the caller says so (the provider's
/// allow_private_image_urls). Guarded and private-allowed fetches use two handlers, so two connection pools: the
/// address check runs when a connection opens, and a connection a private-allowed fetch opened to a name that
/// resolves to loopback must never be reused by a guarded fetch of the same name.
/// </summary>
public sealed class ImageFetcher : IDisposable
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;
    public const long DefaultMaxRequestBytes = 50L * 1024 * 1024;
    public const int MaxRedirects = 3;

    private readonly HttpMessageInvoker _guarded;
    private readonly HttpMessageInvoker _private;
    private readonly long _maxBytes;
    private readonly TimeSpan _timeout;

    public ImageFetcher(long maxBytes = DefaultMaxBytes, long maxRequestBytes = DefaultMaxRequestBytes, TimeSpan? timeout = null)
        : this(null, null, maxBytes, timeout, maxRequestBytes)
    {
    }

    /// <summary>For tests: another handler (redirects, sizes, types without sockets) or another resolver (names → addresses).</summary>
    internal ImageFetcher(HttpMessageHandler? handler, Func<string, CancellationToken, Task<IPAddress[]>>? resolve, long maxBytes = DefaultMaxBytes, TimeSpan? timeout = null,
        long maxRequestBytes = DefaultMaxRequestBytes)
    {
        _maxBytes = maxBytes;
        MaxRequestBytes = maxRequestBytes;
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
        var lookup = resolve ?? Dns.GetHostAddressesAsync;
        if (handler is not null)
        {
            _guarded = _private = new HttpMessageInvoker(handler, disposeHandler: true);
            return;
        }
        _guarded = new HttpMessageInvoker(NewHandler(lookup, allowPrivate: false), disposeHandler: true);
        _private = new HttpMessageInvoker(NewHandler(lookup, allowPrivate: true), disposeHandler: true);
    }

    /// <summary>The most image bytes one request may fetch in all (server.max_images_per_request_mb).</summary>
    public long MaxRequestBytes { get; }

    private static SocketsHttpHandler NewHandler(Func<string, CancellationToken, Task<IPAddress[]>> lookup, bool allowPrivate) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false, // every hop is checked here, not followed blindly
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, lookup, allowPrivate, cancellationToken),
    };

    public Task<ImageFetchResult> FetchAsync(string url, bool allowPrivate, CancellationToken cancellationToken) =>
        FetchAsync(url, allowPrivate, long.MaxValue, cancellationToken);

    /// <summary>
    /// Fetches one image of at most server.max_image_mb and at most <paramref name="budgetBytes"/> (what is left of
    /// the request's total); over the budget the result says <see cref="ImageFetchResult.OverBudget"/>.
    /// </summary>
    public async Task<ImageFetchResult> FetchAsync(string url, bool allowPrivate, long budgetBytes, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return ImageFetchResult.Fail($"the image URL '{Shorten(url)}' is not an absolute URL");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            for (int hop = 0; ; hop++)
            {
                if (CheckUri(uri, allowPrivate) is { } refused)
                {
                    return ImageFetchResult.Fail(refused);
                }
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.TryAddWithoutValidation("Accept", "image/*");
                request.Headers.TryAddWithoutValidation("User-Agent", "FlowRouter-ImageFetcher");
                using var response = await (allowPrivate ? _private : _guarded).SendAsync(request, timeout.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (hop >= MaxRedirects || response.Headers.Location is not { } location)
                    {
                        return ImageFetchResult.Fail($"the image URL '{Shorten(url)}' redirects more than {MaxRedirects} times (or without a Location)");
                    }
                    uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    continue;
                }
                if (status is < 200 or > 299)
                {
                    return ImageFetchResult.Fail($"fetching the image URL '{Shorten(url)}' failed with HTTP {status}");
                }
                return await ReadImageAsync(response, url, budgetBytes, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException ex) when (Find<ImageRefusedException>(ex) is { } refused)
        {
            return ImageFetchResult.Fail($"the image URL '{Shorten(url)}' is refused: {refused.Message}");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ImageFetchResult.Fail(ex is OperationCanceledException
                ? $"fetching the image URL '{Shorten(url)}' took longer than {_timeout.TotalSeconds:0} s"
                : $"fetching the image URL '{Shorten(url)}' failed: {(ex.InnerException ?? ex).Message}");
        }
    }

    /// <summary>Scheme and host checks that need no lookup; null when the URI may be tried.</summary>
    internal static string? CheckUri(Uri uri, bool allowPrivate)
    {
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"only http and https image URLs can be fetched, not {uri.Scheme}:";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "image URLs with credentials are not fetched";
        }
        if (allowPrivate)
        {
            return null;
        }
        if (ImageAddressPolicy.IsForbiddenName(uri.IdnHost))
        {
            return $"the host '{uri.IdnHost}' is this machine or a metadata service";
        }
        if (IPAddress.TryParse(uri.IdnHost, out var literal) && ImageAddressPolicy.IsForbidden(literal))
        {
            return $"the address {literal} is private, loopback, link-local or reserved";
        }
        return null;
    }

    private async Task<ImageFetchResult> ReadImageAsync(HttpResponseMessage response, string url, long budgetBytes, CancellationToken cancellationToken)
    {
        long limit = Math.Min(_maxBytes, budgetBytes);
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
        {
            return TooLarge(url, budgetBytes);
        }
        string? mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
        if (mediaType is not null && !mediaType.StartsWith("image/", StringComparison.Ordinal) && mediaType != "application/octet-stream")
        {
            return ImageFetchResult.Fail($"the URL '{Shorten(url)}' is not an image (Content-Type {mediaType})");
        }
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            byte[]? data = await ReadBoundedAsync(stream, response.Content.Headers.ContentLength, limit, cancellationToken).ConfigureAwait(false);
            if (data is null)
            {
                return TooLarge(url, budgetBytes);
            }
            string? sniffed = Sniff(data);
            if (mediaType is null or "application/octet-stream")
            {
                mediaType = sniffed;
            }
            return mediaType is null || data.Length == 0
                ? ImageFetchResult.Fail($"the URL '{Shorten(url)}' did not return a recognisable image")
                : new ImageFetchResult(data, mediaType, null);
        }
    }

    /// <summary>
    /// The whole body, or null past <paramref name="limit"/>. With a Content-Length the bytes go straight into one
    /// array of that size (no doubling copies of a 20 MB image); without, into a growing stream.
    /// </summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, long? declared, long limit, CancellationToken cancellationToken)
    {
        if (declared is { } length)
        {
            var exact = ByteBuffers.Allocate((int)length);
            int filled = 0;
            int read;
            while (filled < exact.Length && (read = await stream.ReadAsync(exact.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }
            return filled == exact.Length ? exact : exact.AsSpan(0, filled).ToArray();
        }
        using var body = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return null;
                }
                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        var data = ByteBuffers.Allocate((int)body.Length);
        body.GetBuffer().AsSpan(0, data.Length).CopyTo(data);
        return data;
    }

    private ImageFetchResult TooLarge(string url, long budgetBytes) => budgetBytes < _maxBytes
        ? new ImageFetchResult(null, null, $"the image at '{Shorten(url)}' would take the images fetched for this request past the {MaxRequestBytes / (1024 * 1024)} MB limit (server.max_images_per_request_mb)") { OverBudget = true }
        : ImageFetchResult.Fail($"the image at '{Shorten(url)}' is larger than the {_maxBytes / (1024 * 1024)} MB limit (server.max_image_mb)");

    /// <summary>The image type from its first bytes (PNG, JPEG, GIF, WebP), or null.</summary>
    internal static string? Sniff(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) ? "image/png"
        : data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : data.StartsWith("GIF8"u8) ? "image/gif"
        : data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>Resolves the host, refuses forbidden addresses (unless allowed), and connects to the checked ones only.</summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, Func<string, CancellationToken, Task<IPAddress[]>> resolve, bool allowPrivate, CancellationToken cancellationToken)
    {
        string host = context.DnsEndPoint.Host;
        IPAddress[] addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolve(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new ImageRefusedException($"the host '{host}' has no address");
        }
        if (!allowPrivate)
        {
            foreach (var address in addresses)
            {
                if (ImageAddressPolicy.IsForbidden(address))
                {
                    throw new ImageRefusedException($"the host '{host}' resolves to {address}, a private, loopback, link-local or reserved address");
                }
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }
        return null;
    }

    private static string Shorten(string url) => url.Length <= 200 ? url : string.Concat(url.AsSpan(0, 200), "…");

    public void Dispose()
    {
        _guarded.Dispose();
        _private.Dispose(); // the same invoker when a test gave one handler; disposing twice is harmless
    }
}

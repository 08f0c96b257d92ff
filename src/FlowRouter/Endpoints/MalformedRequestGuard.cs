using FlowRouter.Core.Errors;
using FlowRouter.Ingress;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// Malformed HTTP that reaches the application answers in the client's own error shape, with the connection closed:
/// a Content-Length that is not plain digits (Kestrel parses "+70" as 70; a proxy in front may read it otherwise,
/// which is how requests get smuggled), and a <see cref="BadHttpRequestException"/> Kestrel raises while an endpoint
/// reads the body, which Kestrel would otherwise answer itself with an empty body. Errors Kestrel meets before any
/// middleware runs (request line, header limits) get their JSON body from <see cref="Hosting.KestrelErrorBodies"/>.
/// </summary>
internal static class MalformedRequestGuard
{
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!HasPlainContentLength(http.Request))
        {
            await WriteAsync(http, GatewayError.InvalidRequest("The Content-Length header must be a plain decimal number of bytes.")).ConfigureAwait(false);
            return;
        }
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            var error = ex.StatusCode == StatusCodes.Status408RequestTimeout
                ? new GatewayError(ErrorKind.InvalidRequest, ex.StatusCode, "The request body arrived too slowly: send the whole body without pausing.")
                : new GatewayError(ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ErrorKind.RequestTooLarge : ErrorKind.InvalidRequest,
                    ex.StatusCode is >= 400 and < 500 ? ex.StatusCode : StatusCodes.Status400BadRequest, "The request could not be read: it is malformed HTTP.");
            await WriteAsync(http, error).ConfigureAwait(false);
        }
    }

    /// <summary>The error writer of the API a path belongs to: Anthropic for /v1/messages*, Gemini for its routes, else OpenAI.</summary>
    public static Func<HttpContext, GatewayError, Task> WriterFor(PathString path)
    {
        if (path.StartsWithSegments("/v1/messages", StringComparison.Ordinal))
        {
            return AnthropicIngress.Instance.WriteErrorAsync;
        }
        bool gemini = path.StartsWithSegments("/v1beta", StringComparison.Ordinal)
            || (path.StartsWithSegments("/v1/models", StringComparison.Ordinal) && path.Value!.Contains(':', StringComparison.Ordinal));
        return gemini ? GeminiIngress.Instance.WriteErrorAsync : ErrorResponses.WriteOpenAIAsync;
    }

    /// <summary>
    /// True when there is no Content-Length or it is one run of ASCII digits (RFC 9110 §8.6); Kestrel has already
    /// refused anything it could not parse at all.
    /// </summary>
    private static bool HasPlainContentLength(HttpRequest request)
    {
        if (request.ContentLength is null)
        {
            return true;
        }
        var raw = request.Headers[Microsoft.Net.Http.Headers.HeaderNames.ContentLength];
        if (raw.Count != 1 || string.IsNullOrEmpty(raw[0]))
        {
            return false;
        }
        foreach (char c in raw[0]!)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static Task WriteAsync(HttpContext http, GatewayError error)
    {
        // The framing of the rest of this connection cannot be trusted: answer, then close it.
        http.Response.Headers.Connection = "close";
        return WriterFor(http.Request.Path)(http, error);
    }
}

using FlowRouter.Core.Errors;
using FlowRouter.Ingress;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.Gemini;
using FlowRouter.Protocols.OpenAIChat;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// Malformed HTTP that reaches the application answers in the client's own error shape, with the connection closed:
/// a Content-Length that is not plain digits (Kestrel parses "+70" as 70 and keeps only the number, so the
/// connection's <see cref="Hosting.ConnectionGuard"/> flags it; a proxy in front may read it otherwise, which is how
/// requests get smuggled), and a <see cref="BadHttpRequestException"/> Kestrel raises while an endpoint reads the body,
/// which Kestrel would otherwise answer itself with an empty body. Errors Kestrel meets before any middleware runs
/// (request line, header limits) get their JSON body from <see cref="Hosting.KestrelGuard"/>.
/// </summary>
internal static class MalformedRequestGuard
{
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Features.Get<Hosting.ConnectionGuard>() is { } connection)
        {
            connection.LastPath = http.Request.Path.Value;
            // Kestrel keeps only the number it parsed; the connection's input watch saw how it was written.
            if (connection.TakeLenientContentLength())
            {
                await WriteAsync(http, GatewayError.InvalidRequest("The Content-Length header must be a plain decimal number of bytes.")).ConfigureAwait(false);
                return;
            }
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
    public static Func<HttpContext, GatewayError, Task> WriterFor(PathString path) =>
        IsAnthropic(path) ? AnthropicIngress.Instance.WriteErrorAsync : IsGemini(path) ? GeminiIngress.Instance.WriteErrorAsync : ErrorResponses.WriteOpenAIAsync;

    /// <summary>The error as that API's JSON body, for answers written below HTTP (<see cref="Hosting.KestrelGuard"/>).</summary>
    public static byte[] ErrorBody(PathString path, GatewayError error) =>
        IsAnthropic(path) ? AnthropicErrorWriter.Write(error) : IsGemini(path) ? GeminiErrorWriter.Write(error) : OpenAIErrorWriter.Write(error);

    private static bool IsAnthropic(PathString path) => path.StartsWithSegments("/v1/messages", StringComparison.Ordinal);

    private static bool IsGemini(PathString path) =>
        path.StartsWithSegments("/v1beta", StringComparison.Ordinal)
        || (path.StartsWithSegments("/v1/models", StringComparison.Ordinal) && path.Value!.Contains(':', StringComparison.Ordinal));

    private static Task WriteAsync(HttpContext http, GatewayError error)
    {
        // The framing of the rest of this connection cannot be trusted: answer, then close it.
        http.Response.Headers.Connection = "close";
        return WriterFor(http.Request.Path)(http, error);
    }
}

using System.Globalization;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Protocols.Gemini;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// POST /v1beta/models/{model}:generateContent and :streamGenerateContent (also under /v1/): the Gemini API as Google's
/// SDKs speak it. The model is in the path, the stream form in the query: alt=sse gives SSE, no alt gives the
/// streamed JSON array.
/// </summary>
internal sealed class GeminiIngress : IngressProtocol
{
    public static readonly GeminiIngress Instance = new();

    /// <summary>What Gemini sends its JSON-array stream (and every JSON answer) as.</summary>
    public const string JsonArrayContentType = "application/json; charset=UTF-8";

    public override string Name => "gemini";

    public override Protocols.Transforms.ToolOutputFormat ToolOutputFormat => Protocols.Transforms.ToolOutputFormat.Gemini;

    public override bool AcceptsGoogleKeyForms => true;

    public override IngressRequest? Parse(HttpRequest request, RequestBody body, GatewayContext gateway, string? keyName, out GatewayError? error)
    {
        var route = GeminiRoute.Of(request);
        if (route.Model.Length == 0)
        {
            error = new GatewayError(ErrorKind.NotFound, 404, "The model name in the path is empty: use /v1beta/models/{model}:" + route.Method + ".");
            return null;
        }
        if (GeminiRequestPeek.Check(body.Span) is { } problem)
        {
            error = GatewayError.InvalidRequest(problem);
            return null;
        }
        error = null;
        bool stream = route.Method == GeminiRoute.StreamGenerate;
        var format = string.Equals(request.Query["alt"], "sse", StringComparison.OrdinalIgnoreCase) ? GeminiStreamFormat.Sse : GeminiStreamFormat.JsonArray;
        return new GeminiIngressRequest(body.Memory, GeminiRoute.Address(route.Model), stream, format);
    }

    /// <summary>Writes {"error":{"code","message","status"}} with the status, and Retry-After when known.</summary>
    public override async Task WriteErrorAsync(HttpContext http, GatewayError error)
    {
        var response = http.Response;
        if (response.HasStarted)
        {
            return;
        }
        var shown = error.Status is >= 400 and <= 599 ? error : error with { Status = StatusCodes.Status502BadGateway };
        response.StatusCode = shown.Status;
        response.ContentType = JsonArrayContentType;
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        GeminiErrorWriter.Write(shown, response.BodyWriter);
        await response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}

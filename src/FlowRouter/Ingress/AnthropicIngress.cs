using System.Globalization;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Protocols.Anthropic;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>POST /v1/messages: Anthropic Messages as the client (Claude Code, the Anthropic SDKs) speaks it.</summary>
internal sealed class AnthropicIngress : IngressProtocol
{
    public static readonly AnthropicIngress Instance = new();

    /// <summary>Client headers that describe the Messages API version and features; forwarded to Anthropic upstreams.</summary>
    private static readonly string[] ForwardedHeaders = ["anthropic-version", "anthropic-beta"];

    public override string Name => "anthropic";

    public override Protocols.Transforms.ToolOutputFormat ToolOutputFormat => Protocols.Transforms.ToolOutputFormat.Anthropic;

    public override IngressRequest? Parse(HttpRequest request, RequestBody body, GatewayContext gateway, string? keyName, out GatewayError? error)
    {
        var scan = AnthropicRequestScanner.Scan(body.Span);
        if (scan.Error is not null)
        {
            error = GatewayError.InvalidRequest(scan.Error, scan.ErrorParam);
            return null;
        }
        error = null;
        return new AnthropicIngressRequest(body.Memory, scan, ForwardedFrom(request.Headers), gateway.ReasoningOrigins);
    }

    /// <summary>Writes {"type":"error","error":{"type","message"}} with the status, and Retry-After when known.</summary>
    public override async Task WriteErrorAsync(HttpContext http, GatewayError error)
    {
        var response = http.Response;
        if (response.HasStarted)
        {
            return;
        }
        response.StatusCode = error.Status is >= 400 and <= 599 ? error.Status : StatusCodes.Status502BadGateway;
        response.ContentType = "application/json";
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        AnthropicErrorWriter.Write(error, response.BodyWriter);
        await response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private static List<KeyValuePair<string, string>> ForwardedFrom(IHeaderDictionary? headers)
    {
        var forwarded = new List<KeyValuePair<string, string>>(2);
        foreach (string name in ForwardedHeaders)
        {
            if (headers is not null && headers.TryGetValue(name, out var value) && value.Count > 0)
            {
                forwarded.Add(new(name, value.ToString()));
            }
        }
        return forwarded;
    }
}

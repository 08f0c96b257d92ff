using FlowRouter.Core.Errors;
using FlowRouter.Endpoints;
using FlowRouter.Hosting;
using FlowRouter.Protocols.OpenAIChat;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>POST /v1/chat/completions: OpenAI Chat Completions as the client speaks it.</summary>
internal sealed class OpenAIChatIngress : IngressProtocol
{
    public static readonly OpenAIChatIngress Instance = new();

    public override string Name => "openai-chat";

    public override Protocols.Transforms.ToolOutputFormat ToolOutputFormat => Protocols.Transforms.ToolOutputFormat.OpenAIChat;

    public override IngressRequest? Parse(HttpRequest request, RequestBody body, GatewayContext gateway, string? keyName, out GatewayError? error)
    {
        var scan = OpenAIChatRequestScanner.Scan(body.Span);
        if (scan.Error is not null)
        {
            error = GatewayError.InvalidRequest(scan.Error, scan.ErrorParam);
            return null;
        }
        error = null;
        return new OpenAIChatIngressRequest(body.Memory, scan, gateway.Time);
    }

    public override Task WriteErrorAsync(HttpContext http, GatewayError error) => ErrorResponses.WriteOpenAIAsync(http, error);
}

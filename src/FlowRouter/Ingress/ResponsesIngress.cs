using FlowRouter.Core.Errors;
using FlowRouter.Endpoints;
using FlowRouter.Hosting;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.Responses;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>POST /v1/responses: the OpenAI Responses API as Codex and the newer OpenAI SDKs speak it.</summary>
internal sealed class ResponsesIngress : IngressProtocol
{
    public static readonly ResponsesIngress Instance = new();

    public override string Name => "openai-responses";

    public override Protocols.Transforms.ToolOutputFormat ToolOutputFormat => Protocols.Transforms.ToolOutputFormat.Responses;

    public override IngressRequest? Parse(HttpRequest request, RequestBody body, GatewayContext gateway, string? keyName, out GatewayError? error)
    {
        var peek = ResponsesRequestPeek.Of(body.Span);
        if (peek.Error is not null)
        {
            error = GatewayError.InvalidRequest(peek.Error, peek.ErrorParam);
            return null;
        }
        error = null;
        return new ResponsesIngressRequest(body.Memory, peek, ResponseOwner.Of(keyName), gateway.Responses, gateway.ReasoningOrigins, gateway.Time);
    }

    public override Task WriteErrorAsync(HttpContext http, GatewayError error) => ErrorResponses.WriteOpenAIAsync(http, error);
}

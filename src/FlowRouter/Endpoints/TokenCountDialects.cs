using System.Globalization;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Ingress;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Protocols.OpenAIResponses;

namespace FlowRouter.Endpoints;

/// <summary>POST /v1/messages/count_tokens: {"input_tokens": N}; max_tokens is not required here.</summary>
internal sealed class AnthropicTokenCount : ITokenCountDialect
{
    public static readonly AnthropicTokenCount Instance = new();

    public IngressProtocol Protocol => AnthropicIngress.Instance;
    public ProviderType NativeType => ProviderType.Anthropic;
    public string UpstreamPath => "v1/messages/count_tokens";

    public (string? Model, OpenAIChatRequestScan Splice, GatewayError? Error) Scan(ReadOnlySpan<byte> body)
    {
        var scan = AnthropicRequestScanner.Scan(body, requireMaxTokens: false);
        return scan.Error is not null
            ? (null, default, GatewayError.InvalidRequest(scan.Error, scan.ErrorParam))
            : (scan.Model, new OpenAIChatRequestScan { Model = scan.Model, ModelTokenOffset = scan.ModelTokenOffset, ModelTokenLength = scan.ModelTokenLength }, null);
    }

    public (ChatRequest? Request, GatewayError? Error) Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            return (AnthropicRequestReader.Read(body), null);
        }
        catch (AnthropicFormatException ex)
        {
            return (null, GatewayError.InvalidRequest(ex.Message, ex.Param));
        }
    }

    public string EstimateJson(int tokens) => "{\"input_tokens\":" + tokens.ToString(CultureInfo.InvariantCulture) + "}";
}

/// <summary>POST /v1/responses/input_tokens: {"object":"response.input_tokens","input_tokens": N}.</summary>
internal sealed class ResponsesInputTokens : ITokenCountDialect
{
    public static readonly ResponsesInputTokens Instance = new();

    public IngressProtocol Protocol => ResponsesIngress.Instance;
    public ProviderType NativeType => ProviderType.OpenAIResponses;
    public string UpstreamPath => "responses/input_tokens";

    public (string? Model, OpenAIChatRequestScan Splice, GatewayError? Error) Scan(ReadOnlySpan<byte> body)
    {
        var peek = ResponsesRequestPeek.Of(body);
        // Counting needs no input (it may be all instructions); but an input error met before "model" leaves no model.
        return peek.Error is not null && (peek.ErrorParam != "input" || peek.Model is null)
            ? (null, default, GatewayError.InvalidRequest(peek.Error, peek.ErrorParam))
            : (peek.Model, peek.ModelSplice, null);
    }

    public (ChatRequest? Request, GatewayError? Error) Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            return (ResponsesRequestReader.Read(body), null);
        }
        catch (ResponsesFormatException ex)
        {
            return (null, GatewayError.InvalidRequest(ex.Message, ex.Param));
        }
    }

    public string EstimateJson(int tokens) =>
        "{\"object\":\"response.input_tokens\",\"input_tokens\":" + tokens.ToString(CultureInfo.InvariantCulture) + "}";
}

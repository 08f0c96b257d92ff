using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Ingress;
using FlowRouter.Protocols.Gemini;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Routing;
using FlowRouter.Translation;

namespace FlowRouter.Endpoints;

/// <summary>
/// POST /v1beta/models/{model}:countTokens: {"totalTokens": N}. The model is in the path (one dialect per request), so a
/// Gemini target gets the client's body as it is at its own model's :countTokens. The body is {contents…} or
/// {generateContentRequest:{…}}; the estimate reads either.
/// </summary>
internal sealed class GeminiCountTokens(string model) : ITokenCountDialect
{
    public IngressProtocol Protocol => GeminiIngress.Instance;
    public ProviderType NativeType => ProviderType.Gemini;
    public string UpstreamPath => "v1beta/models";

    public string PathFor(Target target) => string.Concat("v1beta/models/", EgressCodecs.GeminiModel(target.Model), ":countTokens");

    public void WriteUpstreamBody(ReadOnlySpan<byte> body, OpenAIChatRequestScan splice, Target target, IBufferWriter<byte> output) => output.Write(body);

    public (string? Model, OpenAIChatRequestScan Splice, GatewayError? Error) Scan(ReadOnlySpan<byte> body) =>
        GeminiRequestPeek.Check(body) is { } problem ? (null, default, GatewayError.InvalidRequest(problem)) : (model, default, null);

    public (ChatRequest? Request, GatewayError? Error) Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.TryGetProperty("generateContentRequest", out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                root = inner;
            }
            return (GeminiRequestReader.Read(root, model), null);
        }
        catch (GeminiFormatException ex)
        {
            return (null, GatewayError.InvalidRequest(ex.Message, ex.Param));
        }
        catch (JsonException ex)
        {
            return (null, GatewayError.InvalidRequest("Invalid JSON payload received. " + ex.Message));
        }
    }

    public string EstimateJson(int tokens) => "{\"totalTokens\":" + tokens.ToString(CultureInfo.InvariantCulture) + "}";
}

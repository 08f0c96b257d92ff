using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Streaming;
using FlowRouter.Core.Errors;
using FlowRouter.Routing;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.Gemini;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.Protocols.Transforms;
using FlowRouter.Providers.Catalog;

namespace FlowRouter.Translation;

/// <summary>The egress codec of each provider type FlowRouter can translate to; null where it cannot yet.</summary>
internal static class EgressCodecs
{
    private static readonly EgressCodec OpenAIChat = new(
        "chat/completions",
        (request, target, output) => OpenAIChatRequestWriter.Write(request, output, new OpenAIChatRequestWriterOptions { Model = target.Model }),
        (body, _, _) => OpenAIChatResponseReader.Read(body),
        (_, _) => new OpenAIChatStreamDecoder(),
        StreamErrors.IsOpenAIErrorEvent);

    private static readonly EgressCodec AnthropicMessages = new(
        "v1/messages",
        (request, target, output) => AnthropicRequestWriter.Write(request, output, AnthropicOptions(target)),
        ReadAnthropicResponse,
        NewAnthropicDecoder,
        StreamErrors.IsAnthropicErrorEvent);

    private static readonly EgressCodec OpenAIResponses = new(
        "responses",
        (request, target, output) => ResponsesRequestWriter.Write(request, output, new ResponsesRequestWriterOptions
        {
            Model = target.Model,
            TargetProvider = target.Provider.Id,
            TargetModel = target.Model,
            // A Chat/Anthropic client never asked OpenAI to keep its conversation; FlowRouter needs no upstream state.
            StoreFalseByDefault = true,
        }),
        (body, _, _) => ResponsesResponseReader.Read(body),
        (_, _) => new ResponsesStreamDecoder(),
        StreamErrors.IsResponsesErrorEvent);

    private static readonly EgressCodec Gemini = new(
        "v1beta/models",
        (request, target, output) => GeminiRequestWriter.Write(request, output, GeminiOptions(target)),
        (body, _, _) => GeminiResponseReader.Read(body),
        (_, _) => new GeminiStreamDecoder(),
        StreamErrors.IsGeminiErrorEvent)
    {
        PathBuilder = GeminiPath,
    };

    /// <summary>
    /// Gemini's method is in the URL: POST {root}/v1beta/models/{model}:generateContent, or
    /// :streamGenerateContent?alt=sse for a stream (SSE, so streams relay event by event like every other format's).
    /// </summary>
    public static string GeminiPath(Target target, bool stream) =>
        string.Concat("v1beta/models/", GeminiModel(target.Model), stream ? ":streamGenerateContent?alt=sse" : ":generateContent");

    /// <summary>The upstream model as Gemini's path wants it: "models/gemini-2.0-flash" and "gemini-2.0-flash" both work.</summary>
    public static string GeminiModel(string model) =>
        model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;

    public static GeminiRequestWriterOptions GeminiOptions(Target target) => new()
    {
        TargetProvider = target.Provider.Id,
        TargetModel = target.Model,
    };

    /// <summary>How a canonical request is written for an Anthropic target (also for rewritten passthrough requests).</summary>
    public static AnthropicRequestWriterOptions AnthropicOptions(Target target) => new()
    {
        Model = target.Model,
        // Anthropic requires max_tokens; OpenAI clients usually leave it out.
        DefaultMaxTokens = ModelCatalog.MaxOutputTokens(target.Model),
        MaxTokensLimit = ModelCatalog.Find(target.Model)?.MaxOutputTokens,
        AutoCacheBreakpoints = target.Provider.Config.AutoCacheBreakpoints,
        TargetProvider = target.Provider.Id,
        TargetModel = target.Model,
        StructuredOutputAsTool = !ModelCatalog.HasStructuredOutput(target.Model),
    };

    private static ChatResponse ReadAnthropicResponse(ReadOnlyMemory<byte> body, ChatRequest request, Target target)
    {
        var response = AnthropicResponseReader.Read(body);
        AnswerTool(request, target)?.AnswerOf(response);
        return response;
    }

    private static IStreamDecoder NewAnthropicDecoder(ChatRequest request, Target target) =>
        AnswerTool(request, target) is { } tool
            ? new StructuredOutputStreamFilter(new AnthropicStreamDecoder(), tool)
            : new AnthropicStreamDecoder();

    /// <summary>The answer tool the Anthropic request was written with (same rule as the writer's option), or null.</summary>
    private static StructuredOutputTool? AnswerTool(ChatRequest request, Target target) =>
        ModelCatalog.HasStructuredOutput(target.Model) ? null : StructuredOutputTool.For(request);

    /// <summary>Why a target of a format FlowRouter cannot translate to is skipped (501 when it was the only one).</summary>
    public static GatewayError NotSupported(Target target) =>
        new(ErrorKind.NotSupported, 501,
            $"Provider '{target.Provider.Id}' speaks {target.Provider.Type.ToConfigName()}, which this FlowRouter version cannot call yet.")
        {
            Code = "provider_type_not_supported",
        };

    public static EgressCodec? For(ProviderType type) => type switch
    {
        ProviderType.OpenAI => OpenAIChat,
        ProviderType.Anthropic => AnthropicMessages,
        ProviderType.OpenAIResponses => OpenAIResponses,
        ProviderType.Gemini => Gemini,
        _ => null,
    };
}

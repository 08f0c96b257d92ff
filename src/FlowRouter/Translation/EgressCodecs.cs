using FlowRouter.Core.Config;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Translation;

/// <summary>The egress codec of each provider type FlowRouter can translate to; null where it cannot yet.</summary>
internal static class EgressCodecs
{
    private static readonly EgressCodec OpenAIChat = new(
        "chat/completions",
        (request, target, output) => OpenAIChatRequestWriter.Write(request, output, new OpenAIChatRequestWriterOptions { Model = target.Model }),
        OpenAIChatResponseReader.Read,
        () => new OpenAIChatStreamDecoder(),
        StreamErrors.IsOpenAIErrorEvent);

    public static EgressCodec? For(ProviderType type) => type switch
    {
        ProviderType.OpenAI => OpenAIChat,
        _ => null,
    };
}

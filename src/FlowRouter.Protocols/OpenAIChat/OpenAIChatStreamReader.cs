using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Turns an upstream chat.completion.chunk SSE body into canonical stream events as the bytes arrive, one SSE event
/// at a time. A stream that ends without "data: [DONE]" is reported as a <see cref="StreamError"/> (the upstream
/// closed it early), never as a clean stop, so the gateway does not pass a truncated answer off as complete.
/// </summary>
public static class OpenAIChatStreamReader
{
    public static IAsyncEnumerable<StreamEvent> ReadAsync(Stream stream, CancellationToken cancellationToken) =>
        StreamDecoding.ReadAsync(stream, new OpenAIChatStreamDecoder(), cancellationToken);

    /// <summary>Maps an in-stream error payload ({"error": {...}}) to a gateway error carrying the upstream's words.</summary>
    internal static StreamError ToStreamError(JsonElement root)
    {
        var info = OpenAIErrorReader.Read(root);
        return new StreamError(new GatewayError(ErrorKind.UpstreamError, 502, info.Message)
        {
            Type = info.Type,
            Code = info.Code,
            Param = info.Param,
        });
    }
}

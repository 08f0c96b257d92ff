namespace FlowRouter.Protocols.Gemini;

/// <summary>How <see cref="GeminiStreamWriter"/> frames its chunks.</summary>
public enum GeminiStreamFormat
{
    /// <summary>streamGenerateContent?alt=sse: <c>data: {chunk}\r\n\r\n</c> per chunk, as Gemini sends it.</summary>
    Sse,

    /// <summary>streamGenerateContent without alt=sse: one JSON array, <c>[{chunk},\r\n{chunk}]</c>, written as it grows.</summary>
    JsonArray,
}

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// What the hot path needs to know about a chat request without building the canonical model: the model (and where
/// its JSON token sits, to splice a new name in), whether to stream, and the first problem found, if any.
/// </summary>
public readonly record struct OpenAIChatScan
{
    public string? Model { get; init; }

    /// <summary>Byte offset and length of the model's JSON string token (quotes included) in the body.</summary>
    public int ModelTokenStart { get; init; }
    public int ModelTokenLength { get; init; }

    public bool Stream { get; init; }
    public bool HasStreamOptions { get; init; }
    public bool IncludeUsage { get; init; }

    /// <summary>A message for the client when the body is not a usable chat request, else null.</summary>
    public string? Error { get; init; }

    /// <summary>The field the error concerns (OpenAI's "param"), when there is one.</summary>
    public string? ErrorParam { get; init; }

    public static OpenAIChatScan Fail(string error, string? param = null) => new() { Error = error, ErrorParam = param };
}

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// What <see cref="OpenAIChatRequestScanner"/> learned from one pass over a request body. When <see cref="Error"/> is
/// set the body must be refused with a 400 (<see cref="ErrorParam"/> names the field, like OpenAI's "param").
/// </summary>
public readonly record struct OpenAIChatRequestScan
{
    public string? Model { get; init; }

    /// <summary>Byte offset of the model's JSON string token (its opening quote) in the body.</summary>
    public int ModelTokenOffset { get; init; }

    /// <summary>Length in bytes of the model's JSON string token, quotes and escapes included.</summary>
    public int ModelTokenLength { get; init; }

    public bool Stream { get; init; }
    public bool HasStreamOptions { get; init; }

    /// <summary>stream_options.include_usage, or null when absent.</summary>
    public bool? IncludeUsage { get; init; }

    public bool HasMessages { get; init; }
    public bool MessagesIsArray { get; init; }

    public string? Error { get; init; }
    public string? ErrorParam { get; init; }

    public bool IsValid => Error is null;
}

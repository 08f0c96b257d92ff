namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// What <see cref="AnthropicRequestScanner"/> learned from one pass over a Messages request body. When
/// <see cref="Error"/> is set the body must be refused with a 400 invalid_request_error (<see cref="ErrorParam"/>
/// names the field).
/// </summary>
public readonly record struct AnthropicRequestScan
{
    public string? Model { get; init; }

    /// <summary>Byte offset of the model's JSON string token (its opening quote) in the body.</summary>
    public int ModelTokenOffset { get; init; }

    /// <summary>Length in bytes of the model's JSON string token, quotes and escapes included.</summary>
    public int ModelTokenLength { get; init; }

    public bool Stream { get; init; }
    public bool HasMessages { get; init; }
    public bool MessagesIsArray { get; init; }

    /// <summary>max_tokens when it is a positive integer, else null.</summary>
    public int? MaxTokens { get; init; }

    public bool HasMaxTokens { get; init; }

    public string? Error { get; init; }
    public string? ErrorParam { get; init; }

    public bool IsValid => Error is null;
}

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// The bytes are not a valid Anthropic Messages document. <see cref="Param"/> is the JSON path of the offending value
/// (e.g. <c>messages[2].content[0].source</c>), which the server puts into its invalid_request_error message.
/// </summary>
public sealed class AnthropicFormatException : Exception
{
    public AnthropicFormatException()
    {
    }

    public AnthropicFormatException(string message)
        : base(message)
    {
    }

    public AnthropicFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AnthropicFormatException(string? param, string detail, Exception? innerException = null)
        : base(string.IsNullOrEmpty(param) ? detail : param + ": " + detail, innerException)
    {
        Param = string.IsNullOrEmpty(param) ? null : param;
    }

    /// <summary>JSON path of the offending value, or null when the document as a whole is wrong.</summary>
    public string? Param { get; }
}

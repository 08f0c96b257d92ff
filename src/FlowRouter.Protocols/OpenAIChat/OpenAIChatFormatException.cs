namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// The bytes are not a valid OpenAI Chat Completions document. <see cref="Param"/> is the JSON path of the offending
/// value (e.g. <c>messages[2].content</c>), which the server returns as the error's "param" like OpenAI does.
/// </summary>
public sealed class OpenAIChatFormatException : Exception
{
    public OpenAIChatFormatException()
    {
    }

    public OpenAIChatFormatException(string message)
        : base(message)
    {
    }

    public OpenAIChatFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OpenAIChatFormatException(string? param, string detail, Exception? innerException = null)
        : base(string.IsNullOrEmpty(param) ? detail : param + ": " + detail, innerException)
    {
        Param = string.IsNullOrEmpty(param) ? null : param;
    }

    /// <summary>JSON path of the offending value, or null when the document as a whole is wrong.</summary>
    public string? Param { get; }
}

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// The bytes are not a valid OpenAI Responses document. <see cref="Param"/> is the JSON path of the offending value
/// (e.g. <c>input[2].content</c>); the host answers 400 in OpenAI's error shape with it as the error's "param", the
/// way OpenAI names the field it rejects.
/// </summary>
public sealed class ResponsesFormatException : Exception
{
    public ResponsesFormatException()
    {
    }

    public ResponsesFormatException(string message)
        : base(message)
    {
    }

    public ResponsesFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResponsesFormatException(string? param, string detail, Exception? innerException = null)
        : base(string.IsNullOrEmpty(param) ? detail : param + ": " + detail, innerException)
    {
        Param = string.IsNullOrEmpty(param) ? null : param;
    }

    /// <summary>JSON path of the offending value, or null when the document as a whole is wrong.</summary>
    public string? Param { get; }
}

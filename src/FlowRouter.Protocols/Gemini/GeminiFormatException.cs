namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// The bytes are not a valid Gemini generateContent document. <see cref="Param"/> is the JSON path of the offending
/// value (e.g. <c>contents[1].parts[0].inlineData.data</c>); the host answers 400 INVALID_ARGUMENT in Gemini's error
/// shape with this message, the way Gemini names the field in its own errors.
/// </summary>
public sealed class GeminiFormatException : Exception
{
    public GeminiFormatException()
    {
    }

    public GeminiFormatException(string message)
        : base(message)
    {
    }

    public GeminiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GeminiFormatException(string? param, string detail, Exception? innerException = null)
        : base(string.IsNullOrEmpty(param) ? detail : param + ": " + detail, innerException)
    {
        Param = string.IsNullOrEmpty(param) ? null : param;
    }

    /// <summary>JSON path of the offending value, or null when the document as a whole is wrong.</summary>
    public string? Param { get; }
}

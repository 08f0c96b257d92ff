namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// OpenAI's input_audio "format" word (wav, mp3) ⇄ a media type, so the canonical FilePart says what it holds the
/// same way for every protocol. Unknown words map to audio/&lt;word&gt; and back unchanged.
/// </summary>
internal static class AudioFormats
{
    public static string ToMediaType(string format) => format switch
    {
        "mp3" => "audio/mpeg",
        _ => "audio/" + format,
    };

    public static string? FromMediaType(string? mediaType) => mediaType switch
    {
        "audio/mpeg" or "audio/mp3" => "mp3",
        "audio/wav" or "audio/x-wav" or "audio/wave" => "wav",
        _ when mediaType?.StartsWith("audio/", StringComparison.Ordinal) == true => mediaType["audio/".Length..],
        _ => null,
    };
}

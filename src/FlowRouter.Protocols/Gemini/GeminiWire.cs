namespace FlowRouter.Protocols.Gemini;

/// <summary>Field names and marker keys the Gemini codec's readers and writers share.</summary>
internal static class GeminiWire
{
    public const string ThoughtSignature = "thoughtSignature";

    /// <summary>Marker: how the source spelled inlineData.data (see <see cref="GeminiBase64"/>).</summary>
    public const string Base64Marker = "@base64";

    /// <summary>Marker: the functionCall had no "args" (written back without it).</summary>
    public const string NoArgsMarker = "@no_args";

    /// <summary>Marker: the functionResponse had no "response".</summary>
    public const string NoResponseMarker = "@no_response";

    /// <summary>Marker on a content: the turn had no "role".</summary>
    public const string NoRoleMarker = "@no_role";

    /// <summary>Marker on a tool: which entry of "tools" its declaration came from.</summary>
    public const string ToolGroupMarker = "@group";

    /// <summary>Marker on the request: read from Gemini (so no egress normalisation applies).</summary>
    public const string SourceMarker = "@gemini";

    public const string ModelRole = "model";
    public const string UserRole = "user";
}

namespace FlowRouter.Protocols.Gemini;

/// <summary>How <see cref="GeminiRequestWriter"/> shapes a request for its target.</summary>
public sealed record GeminiRequestWriterOptions
{
    /// <summary>
    /// The provider the request goes to (as the router names it). With <see cref="TargetModel"/> it decides which
    /// Gemini thought parts may be replayed: one whose OriginProvider/OriginModel names another target is dropped.
    /// Null: no check.
    /// </summary>
    public string? TargetProvider { get; init; }

    /// <summary>The upstream model, for the reasoning check above and the signature fallback below; null: unknown.</summary>
    public string? TargetModel { get; init; }

    /// <summary>How JSON schemas from other protocols are sent (see <see cref="GeminiSchemaMode"/>).</summary>
    public GeminiSchemaMode SchemaMode { get; init; } = GeminiSchemaMode.JsonSchema;

    /// <summary>
    /// The thoughtSignature given to the first function call of a model turn that came from another protocol and so
    /// has none. Gemini 3 models reject a replayed functionCall without a signature (400 "Function call is missing a
    /// thought_signature"); Google documents this value for history that was not produced by the model
    /// (ai.google.dev/gemini-api/docs/thought-signatures). Not added when <see cref="TargetModel"/> is a gemini-1.x or
    /// gemini-2.x model (no validation there). Null turns the fallback off.
    /// </summary>
    public string? SignatureFallback { get; init; } = "skip_thought_signature_validator";
}

/// <summary>Which Gemini field a JSON schema from another protocol goes out in.</summary>
public enum GeminiSchemaMode
{
    /// <summary>
    /// functionDeclarations[].parametersJsonSchema and generationConfig.responseJsonSchema, which take JSON Schema as
    /// given (a google.protobuf.Value, so no proto "Unknown name" rejection; the recorded traffic shows $schema,
    /// additionalProperties, pattern and anyOf accepted there, on gemini-2.0-flash too). The schema is passed
    /// through unchanged. The default: no information is lost.
    /// </summary>
    JsonSchema,

    /// <summary>
    /// parameters / responseSchema, Gemini's OpenAPI 3.0 subset, after <see cref="GeminiSchema.ToOpenApi"/> (for
    /// Vertex deployments and models that predate the JSON Schema fields).
    /// </summary>
    OpenApi,
}

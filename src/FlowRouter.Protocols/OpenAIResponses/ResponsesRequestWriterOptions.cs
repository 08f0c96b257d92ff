namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>How <see cref="ResponsesRequestWriter"/> shapes a request for its target.</summary>
public sealed record ResponsesRequestWriterOptions
{
    /// <summary>The upstream model name to write instead of <c>ChatRequest.Model</c>, or null to keep it.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// The provider the request goes to. With <see cref="TargetModel"/> it decides which reasoning items may be
    /// replayed: a part whose OriginProvider/OriginModel names another target is dropped (encrypted reasoning is only
    /// valid for the model that made it). Null: no check.
    /// </summary>
    public string? TargetProvider { get; init; }

    /// <summary>The upstream model, for the reasoning check above; null: no check.</summary>
    public string? TargetModel { get; init; }

    /// <summary>
    /// When true, a request from another protocol that carries no "store" gets "store": false, so the upstream keeps
    /// nothing a Chat/Anthropic/Gemini client never asked it to keep. Off by default: the codec writes store only when
    /// the source said so (OpenAI's default, true, applies otherwise) — whether to keep data is the operator's call.
    /// </summary>
    public bool StoreFalseByDefault { get; init; }
}

namespace FlowRouter.Core.Canonical;

/// <summary>
/// A chat request in FlowRouter's own terms, richer than any one wire format so that no hop loses information
/// (DESIGN.md §2). Codecs fill it from their wire format and write it back out; transforms edit it in between.
/// </summary>
public sealed class ChatRequest
{
    /// <summary>The model as the client addressed it (provider/model, combo or bare name) until routing rewrites it.</summary>
    public string Model { get; set; } = "";

    /// <summary>System instructions given apart from the messages (Anthropic system, Gemini systemInstruction).
    /// OpenAI system/developer messages stay in <see cref="Messages"/> where the client put them.</summary>
    public List<ContentPart> System { get; } = [];

    /// <summary>True when the source gave the system prompt as a plain string.</summary>
    public bool SystemIsString { get; set; }

    public List<ChatMessage> Messages { get; } = [];
    public List<ToolDefinition> Tools { get; } = [];
    public ToolChoice? ToolChoice { get; set; }
    public bool? ParallelToolCalls { get; set; }

    /// <summary>
    /// True when the client declared <see cref="Tools"/> and <see cref="ToolChoice"/> with OpenAI's deprecated
    /// functions/function_call fields rather than tools/tool_choice; that protocol's writer answers in kind,
    /// other writers ignore it.
    /// </summary>
    public bool LegacyFunctions { get; set; }

    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? TopK { get; set; }
    public double? FrequencyPenalty { get; set; }
    public double? PresencePenalty { get; set; }
    public long? Seed { get; set; }

    /// <summary>Upper bound on generated tokens, whichever field the client used for it.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>The wire field <see cref="MaxOutputTokens"/> came from (max_tokens, max_completion_tokens, …).</summary>
    public string? MaxOutputTokensField { get; set; }

    public List<string>? StopSequences { get; set; }

    /// <summary>True when the client gave a single stop string rather than a list.</summary>
    public bool StopIsString { get; set; }

    public ResponseFormat? ResponseFormat { get; set; }
    public ReasoningOptions? Reasoning { get; set; }

    public bool Stream { get; set; }

    /// <summary>True when the client asked for usage in the stream (OpenAI stream_options.include_usage).</summary>
    public bool StreamIncludeUsage { get; set; }

    /// <summary>End-user id for abuse tracking (OpenAI user, Anthropic metadata.user_id).</summary>
    public string? User { get; set; }

    /// <summary>Client metadata as a raw JSON object, or null.</summary>
    public string? MetadataJson { get; set; }

    /// <summary>
    /// Whether the upstream may keep the request and its answer for later retrieval (OpenAI Responses "store"), or
    /// null when the client did not say: writers then leave the upstream's default alone.
    /// </summary>
    public bool? Store { get; set; }

    /// <summary>An upstream-held conversation this request continues (OpenAI Responses previous_response_id), or null.</summary>
    public string? PreviousResponseId { get; set; }

    /// <summary>Extra output the client asked the upstream to include (OpenAI Responses include[], e.g.
    /// "reasoning.encrypted_content"), or null.</summary>
    public List<string>? Include { get; set; }

    /// <summary>What the upstream may do when the conversation outgrows the context window (OpenAI Responses
    /// truncation: auto|disabled), or null.</summary>
    public string? Truncation { get; set; }

    /// <summary>Unknown top-level fields of the source protocol, forwarded only when the target speaks it.</summary>
    public JsonExtensions? Extensions { get; set; }
}

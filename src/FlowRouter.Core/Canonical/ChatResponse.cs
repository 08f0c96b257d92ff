namespace FlowRouter.Core.Canonical;

/// <summary>A complete (non-streamed) answer: one assistant message, why it stopped, and what it cost.</summary>
public sealed class ChatResponse
{
    public string Id { get; set; } = "";
    public string Model { get; set; } = "";

    /// <summary>Unix seconds, when the wire carries it.</summary>
    public long? Created { get; set; }

    public ChatMessage Message { get; set; } = new(ChatRole.Assistant);
    public FinishReason? FinishReason { get; set; }

    /// <summary>The stop sequence that ended generation, when the wire says which.</summary>
    public string? StopSequence { get; set; }

    public Usage? Usage { get; set; }
    public JsonExtensions? Extensions { get; set; }

    /// <summary>
    /// Fields of the wrapper around the message that have no canonical slot (OpenAI choices[0].logprobs, Gemini
    /// candidates[0].safetyRatings), kept apart from <see cref="Extensions"/> so a same-protocol write puts them back
    /// at the right level.
    /// </summary>
    public JsonExtensions? ChoiceExtensions { get; set; }
}

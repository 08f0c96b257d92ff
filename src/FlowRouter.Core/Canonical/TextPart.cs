namespace FlowRouter.Core.Canonical;

public sealed class TextPart(string text) : ContentPart
{
    public string Text { get; set; } = text;

    /// <summary>Anthropic-style cache marker as raw JSON (e.g. {"type":"ephemeral"}), or null.</summary>
    public string? CacheControlJson { get; set; }

    /// <summary>Citations/annotations attached to the text, as raw JSON array, or null.</summary>
    public string? AnnotationsJson { get; set; }
}

namespace FlowRouter.Core.Canonical;

/// <summary>How the model may use tools: auto, none, required (any tool), or one named tool.</summary>
public sealed record ToolChoice(ToolChoiceMode Mode, string? ToolName = null)
{
    public static readonly ToolChoice Auto = new(ToolChoiceMode.Auto);
    public static readonly ToolChoice None = new(ToolChoiceMode.None);
    public static readonly ToolChoice Required = new(ToolChoiceMode.Required);

    /// <summary>Anthropic's disable_parallel_tool_use, OpenAI's parallel_tool_calls=false.</summary>
    public bool? DisableParallel { get; init; }
}

public enum ToolChoiceMode
{
    Auto,
    None,
    Required,
    Tool,
}

namespace FlowRouter.Core.Canonical;

/// <summary>Structured output: plain text, any JSON object, or JSON matching a schema.</summary>
public sealed record ResponseFormat(ResponseFormatKind Kind)
{
    public string? SchemaName { get; init; }
    public string? SchemaJson { get; init; }
    public bool? Strict { get; init; }
    public string? Description { get; init; }
}

public enum ResponseFormatKind
{
    Text,
    JsonObject,
    JsonSchema,
}

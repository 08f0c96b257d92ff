namespace FlowRouter.Core.Canonical;

public sealed class ToolDefinition(string name)
{
    public string Name { get; set; } = name;
    public ToolKind Kind { get; set; } = ToolKind.Function;
    public string? Description { get; set; }

    /// <summary>JSON schema of the arguments as raw JSON, or null when the tool declares none.</summary>
    public string? ParametersJson { get; set; }

    public bool? Strict { get; set; }

    /// <summary>For hosted tools and custom-tool formats: the whole definition as raw JSON.</summary>
    public string? RawDefinitionJson { get; set; }

    public string? CacheControlJson { get; set; }
    public JsonExtensions? Extensions { get; set; }
}

namespace FlowRouter.Core.Canonical;

/// <summary>One piece of a message's content. Subtypes are closed: see each for what it carries.</summary>
public abstract class ContentPart
{
    /// <summary>Protocol-specific fields of this part that have no canonical slot.</summary>
    public JsonExtensions? Extensions { get; set; }
}

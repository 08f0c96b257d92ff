using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>One Anthropic message being assembled: user or assistant, with the parts it will carry.</summary>
internal sealed class AnthropicTurn(string role, ChatMessage? source)
{
    public string Role { get; } = role;

    public List<ContentPart> Parts { get; } = [];

    /// <summary>
    /// The canonical message this turn was made from, while it was made from exactly one: its string-content flag
    /// and extensions then still describe the turn. Null after a merge.
    /// </summary>
    public ChatMessage? Source { get; set; } = source;
}

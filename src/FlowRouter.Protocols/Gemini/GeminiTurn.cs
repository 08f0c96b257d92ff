using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>One Gemini content to write: its role ("user" or "model"), its parts, and the message it came from (whose extensions go with it) when unchanged.</summary>
internal sealed class GeminiTurn(string role, ChatMessage? source)
{
    public string Role { get; } = role;
    public ChatMessage? Source { get; set; } = source;
    public List<ContentPart> Parts { get; } = [];
}

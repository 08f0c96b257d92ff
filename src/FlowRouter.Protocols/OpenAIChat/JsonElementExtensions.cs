using System.Text.Json;

namespace FlowRouter.Protocols.OpenAIChat;

internal static class JsonElementExtensions
{
    /// <summary>TryGetInt64 that answers false for non-numbers instead of throwing.</summary>
    public static bool TryGetInt64Safe(this JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }
}

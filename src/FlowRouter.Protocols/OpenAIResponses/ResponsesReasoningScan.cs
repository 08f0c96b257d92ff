using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// The model-bound reasoning values of Responses JSON: encrypted_content, and reasoning item ids ("rs_…"), which a
/// stored-state provider resolves only for responses it made itself.
/// </summary>
public static class ResponsesReasoningScan
{
    public static bool MayHold(ReadOnlySpan<byte> json) => json.IndexOf("\"encrypted_content\""u8) >= 0 || json.IndexOf("\"rs_"u8) >= 0;

    public static void Collect(ReadOnlySpan<byte> json, List<Range> values)
    {
        JsonKeyScan.Collect(json, "\"encrypted_content\""u8, values);
        JsonKeyScan.Collect(json, "\"id\""u8, values, "rs_"u8);
    }
}

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>Ids for objects the gateway makes up (an answer from another protocol has none): OpenAI's prefixes, 48 hex digits.</summary>
internal static class ResponsesIds
{
    public static string New(string prefix) => prefix + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")[..16];
}

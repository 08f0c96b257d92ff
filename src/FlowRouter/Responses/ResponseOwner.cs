namespace FlowRouter.Responses;

/// <summary>Who a stored response belongs to: the client key's name, or one shared owner when client keys are off.</summary>
internal static class ResponseOwner
{
    public static string Of(string? keyName) => keyName ?? "";
}

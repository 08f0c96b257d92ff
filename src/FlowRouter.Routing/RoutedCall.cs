using FlowRouter.Core.Errors;
using FlowRouter.Providers.Http;

namespace FlowRouter.Routing;

/// <summary>
/// The attempt loop's result: the call that answered (and which target it was), or the error for the client; either
/// way the attempts made on the way.
/// </summary>
public sealed record RoutedCall(UpstreamCall? Call, Target? Target, GatewayError? Error, IReadOnlyList<AttemptRecord> Attempts)
{
    /// <summary>True when the client went away during the attempts; nothing should be written to it.</summary>
    public bool ClientGone { get; init; }
}

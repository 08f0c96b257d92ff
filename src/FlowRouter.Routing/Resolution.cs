using FlowRouter.Core.Errors;

namespace FlowRouter.Routing;

/// <summary>What a model address resolved to: the targets in the order to try them, or why there are none.</summary>
public sealed record Resolution(IReadOnlyList<Target> Targets, GatewayError? Error)
{
    public static Resolution Of(IReadOnlyList<Target> targets) => new(targets, null);
    public static Resolution Fail(GatewayError error) => new([], error);
    public bool Succeeded => Error is null;
}

using FlowRouter.Core.Errors;
using FlowRouter.Routing.Combos;

namespace FlowRouter.Routing;

/// <summary>
/// What a model address resolved to: every target it may reach (in listed order), the combo whose strategy orders
/// them per request (null for a single model), or why there are none.
/// </summary>
public sealed record Resolution(IReadOnlyList<Target> Targets, GatewayError? Error)
{
    public ComboNode? Combo { get; init; }

    public static Resolution Of(IReadOnlyList<Target> targets) => new(targets, null);
    public static Resolution Fail(GatewayError error) => new([], error);
    public bool Succeeded => Error is null;
}

using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Limits;
using FlowRouter.Routing;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// The client-key checks every /v1 and /v1beta route applies, generation or not (DESIGN.md §6b): a key must be
/// present when keys are on, known, not revoked and not expired, and may only touch the models and providers it
/// is allowed. Side routes (token counts, model lists, stored responses) use the same checks as generation, so a
/// revoked key can no longer count, list, read or delete anything.
/// </summary>
internal static class ClientKeyGate
{
    /// <summary>The caller's key (null when keys are off), or the 401 to answer.</summary>
    public static (ClientKeyConfig? Key, string? KeyName, GatewayError? Error) Check(GatewayContext gateway, HttpRequest request, bool googleForms = false)
    {
        var auth = gateway.Authenticator.Authenticate(request, googleForms);
        if (!auth.Allowed)
        {
            return (null, null, new GatewayError(ErrorKind.Authentication, 401, auth.Problem!) { Code = "invalid_api_key" });
        }
        var key = gateway.Keys.KeyNamed(auth.KeyName);
        return gateway.Keys.CheckValid(key) is { } invalid ? (null, auth.KeyName, invalid) : (key, auth.KeyName, null);
    }

    /// <summary>The 403 when <paramref name="key"/> may not use <paramref name="model"/> or any provider that serves it.</summary>
    public static GatewayError? CheckModel(ClientKeyConfig? key, string model, Resolution resolution)
    {
        if (KeyPolicy.CheckModel(key, model) is { } refused)
        {
            return refused;
        }
        if (key?.AllowedProviders is null || !resolution.Succeeded || resolution.Targets.Count == 0)
        {
            return null;
        }
        foreach (var target in resolution.Targets)
        {
            if (KeyPolicy.MayReach(key, target))
            {
                return null;
            }
        }
        return KeyPolicy.ProviderNotAllowed(key, resolution.Targets[0]);
    }

    /// <summary>True when the key may see <paramref name="address"/> in a model list.</summary>
    public static bool MayList(ClientKeyConfig? key, string address, RouteTable routes) =>
        key is null || key.AllowedModels is null && key.AllowedProviders is null
        || KeyPolicy.CheckModel(key, address) is null && (key.AllowedProviders is null || CheckModel(key, address, routes.Resolve(address)) is null);
}

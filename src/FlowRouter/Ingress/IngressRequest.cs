using FlowRouter.Core.Errors;
using FlowRouter.Providers.Http;
using FlowRouter.Routing;
using Microsoft.AspNetCore.Http;
using FlowRouter.Endpoints;

namespace FlowRouter.Ingress;

/// <summary>
/// One parsed client request: the model it asks for, the upstream request for each target (passthrough when the
/// target speaks the client's format, translated otherwise), and how to relay the answer that came back.
/// </summary>
internal abstract class IngressRequest : IDisposable
{
    public abstract string Model { get; }
    public abstract bool Stream { get; }

    /// <summary>Matches <see cref="AttemptLoop.RequestBuilder"/>: the request for a target, or why it cannot be used.</summary>
    public abstract bool TryBuild(Target target, out UpstreamRequest? request, out GatewayError? unusable);

    /// <summary>Relays the answer of the target that won, in the client's format.</summary>
    public abstract Task RelayAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, Target target);

    public abstract void Dispose();
}

using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// One client-facing wire format: how its requests are checked and how its errors look. Everything else a request
/// needs (per-target upstream bodies, relaying the answer) is in the <see cref="IngressRequest"/> it makes.
/// </summary>
internal abstract class IngressProtocol
{
    /// <summary>Name in logs and the request log (openai-chat, anthropic, …).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Checks a body that passed the size and content-type checks; a request to route, or the 400 to answer.
    /// <paramref name="keyName"/> is the authenticated client key's name (null when keys are off).
    /// </summary>
    public abstract IngressRequest? Parse(HttpRequest request, RequestBody body, GatewayContext gateway, string? keyName, out GatewayError? error);

    /// <summary>True when clients of this protocol may also send their key Google's way (x-goog-api-key, ?key=).</summary>
    public virtual bool AcceptsGoogleKeyForms => false;

    /// <summary>Where this format keeps tool output and the system prompt (for the token saver and caveman mode).</summary>
    public abstract Protocols.Transforms.ToolOutputFormat ToolOutputFormat { get; }

    /// <summary>Writes an error in this protocol's own JSON shape, with its status.</summary>
    public abstract Task WriteErrorAsync(HttpContext http, GatewayError error);
}

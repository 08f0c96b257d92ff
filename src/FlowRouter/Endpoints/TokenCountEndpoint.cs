using FlowRouter.Core.Buffers;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Limits;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Providers.Http;
using FlowRouter.Providers.Tokens;
using FlowRouter.Routing;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// Token counting endpoints (POST /v1/messages/count_tokens, POST /v1/responses/input_tokens). Targets that speak
/// the client's format count for themselves: the request goes to the first one that answers, with only the model
/// replaced. Otherwise (or if none answers) FlowRouter counts with a real tokenizer and says so in the
/// x-flowrouter-token-count: estimate header. A count is a side call: the client key is checked as for generation,
/// but a provider that cannot count rests nothing (see <see cref="Routing.AttemptLoop.RunSideCallAsync"/>). What
/// differs per API is in its <see cref="ITokenCountDialect"/>.
/// </summary>
internal sealed class TokenCountEndpoint(GatewayContext gateway, ITokenCountDialect dialect)
{
    public async Task HandleAsync(HttpContext http)
    {
        var (key, _, keyError) = ClientKeyGate.Check(gateway, http.Request, dialect.Protocol.AcceptsGoogleKeyForms);
        if (keyError is not null)
        {
            await dialect.Protocol.WriteErrorAsync(http, keyError).ConfigureAwait(false);
            return;
        }
        var (body, error) = RequestBody.CheckContentType(http.Request) is { } contentTypeError
            ? (null, contentTypeError)
            : await RequestBody.ReadAsync(http.Request, gateway.Config.Server.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await dialect.Protocol.WriteErrorAsync(http, error!).ConfigureAwait(false);
            return;
        }
        using (body)
        {
            await CountAsync(http, body, key).ConfigureAwait(false);
        }
    }

    private async Task CountAsync(HttpContext http, RequestBody body, ClientKeyConfig? key)
    {
        var (model, splice, scanError) = dialect.Scan(body.Span);
        var resolution = scanError is null ? gateway.State.Routes.Resolve(model!) : null;
        if ((scanError ?? resolution!.Error ?? ClientKeyGate.CheckModel(key, model!, resolution!)) is { } error)
        {
            await dialect.Protocol.WriteErrorAsync(http, error).ConfigureAwait(false);
            return;
        }
        var nativeTargets = resolution!.Targets.Where(t => t.Provider.Type == dialect.NativeType && KeyPolicy.MayReach(key, t)).ToArray();
        if (nativeTargets.Length > 0 && await TryForwardAsync(http, body, splice, nativeTargets).ConfigureAwait(false))
        {
            return;
        }
        await EstimateAsync(http, body).ConfigureAwait(false);
    }

    private async Task<bool> TryForwardAsync(HttpContext http, RequestBody body, OpenAIChatRequestScan splice, Target[] targets)
    {
        var buffers = new List<PooledBufferWriter>();
        try
        {
            bool Build(Target target, out UpstreamRequest? request, out GatewayError? unusable)
            {
                var buffer = new PooledBufferWriter(body.Length + 64);
                buffers.Add(buffer);
                dialect.WriteUpstreamBody(body.Span, splice, target, buffer);
                request = new UpstreamRequest(dialect.PathFor(target), buffer.WrittenMemory, Stream: false);
                unusable = null;
                return true;
            }
            var routed = await gateway.Attempts.RunSideCallAsync(targets, Build, http.RequestAborted).ConfigureAwait(false);
            if (routed.Call is not { } call)
            {
                // The client's own mistake is answered; a provider that cannot count leaves it to the estimate.
                if (routed.Error is { Kind: ErrorKind.InvalidRequest } clientMistake && !routed.ClientGone)
                {
                    await dialect.Protocol.WriteErrorAsync(http, clientMistake).ConfigureAwait(false);
                    return true;
                }
                return routed.ClientGone;
            }
            await using (call)
            {
                http.Response.StatusCode = call.Status;
                http.Response.ContentType = call.ContentType ?? "application/json";
                await http.Response.BodyWriter.WriteAsync(call.Body, http.RequestAborted).ConfigureAwait(false);
            }
            return true;
        }
        finally
        {
            foreach (var buffer in buffers)
            {
                buffer.Dispose();
            }
        }
    }

    private async Task EstimateAsync(HttpContext http, RequestBody body)
    {
        var (request, error) = dialect.Read(body.Memory);
        if (request is null)
        {
            await dialect.Protocol.WriteErrorAsync(http, error!).ConfigureAwait(false);
            return;
        }
        int tokens = TokenEstimator.CountInputTokens(request);
        http.Response.ContentType = "application/json";
        http.Response.Headers["x-flowrouter-token-count"] = "estimate";
        await http.Response.WriteAsync(dialect.EstimateJson(tokens), http.RequestAborted).ConfigureAwait(false);
    }
}

using FlowRouter.Core.Buffers;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Ingress;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Providers.Http;
using FlowRouter.Providers.Tokens;
using FlowRouter.Routing;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// POST /v1/messages/count_tokens. Anthropic targets count for themselves: the request goes to the first one that
/// answers, with only the model replaced. Otherwise (or if none answers) FlowRouter counts with a real tokenizer and
/// says so in the x-flowrouter-token-count: estimate header.
/// </summary>
internal sealed class CountTokensEndpoint(GatewayContext gateway)
{
    public async Task HandleAsync(HttpContext http)
    {
        var protocol = AnthropicIngress.Instance;
        var auth = gateway.Authenticator.Authenticate(http.Request);
        if (!auth.Allowed)
        {
            await protocol.WriteErrorAsync(http, new GatewayError(ErrorKind.Authentication, 401, auth.Problem!)).ConfigureAwait(false);
            return;
        }
        var (body, error) = RequestBody.CheckContentType(http.Request) is { } contentTypeError
            ? (null, contentTypeError)
            : await RequestBody.ReadAsync(http.Request, gateway.Settings.Config.Server.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await protocol.WriteErrorAsync(http, error!).ConfigureAwait(false);
            return;
        }
        using (body)
        {
            await CountAsync(http, body).ConfigureAwait(false);
        }
    }

    private async Task CountAsync(HttpContext http, RequestBody body)
    {
        var scan = AnthropicRequestScanner.Scan(body.Span, requireMaxTokens: false);
        var resolution = scan.Error is null ? gateway.State.Routes.Resolve(scan.Model!) : null;
        if (scan.Error is not null || resolution!.Error is not null)
        {
            await AnthropicIngress.Instance.WriteErrorAsync(http, scan.Error is not null
                ? GatewayError.InvalidRequest(scan.Error, scan.ErrorParam)
                : resolution!.Error!).ConfigureAwait(false);
            return;
        }
        var anthropicTargets = resolution.Targets.Where(t => t.Provider.Type == ProviderType.Anthropic).ToArray();
        if (anthropicTargets.Length > 0 && await TryForwardAsync(http, body, scan, anthropicTargets).ConfigureAwait(false))
        {
            return;
        }
        await EstimateAsync(http, body).ConfigureAwait(false);
    }

    private async Task<bool> TryForwardAsync(HttpContext http, RequestBody body, AnthropicRequestScan scan, Target[] targets)
    {
        var buffers = new List<PooledBufferWriter>();
        try
        {
            bool Build(Target target, out UpstreamRequest? request, out GatewayError? unusable)
            {
                var buffer = new PooledBufferWriter(body.Length + 64);
                buffers.Add(buffer);
                AnthropicRequestScanner.RewriteModel(body.Span, scan, target.Model, buffer);
                request = new UpstreamRequest("v1/messages/count_tokens", buffer.WrittenMemory, Stream: false);
                unusable = null;
                return true;
            }
            var routed = await gateway.Attempts.RunAsync(targets, Build, http.RequestAborted).ConfigureAwait(false);
            if (routed.Call is not { } call)
            {
                // The client's own mistake is answered; a provider that cannot count leaves it to the estimate.
                if (routed.Error is { Kind: ErrorKind.InvalidRequest } clientMistake && !routed.ClientGone)
                {
                    await AnthropicIngress.Instance.WriteErrorAsync(http, clientMistake).ConfigureAwait(false);
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

    private static async Task EstimateAsync(HttpContext http, RequestBody body)
    {
        int tokens;
        try
        {
            tokens = TokenEstimator.CountInputTokens(AnthropicRequestReader.Read(body.Memory));
        }
        catch (AnthropicFormatException ex)
        {
            await AnthropicIngress.Instance.WriteErrorAsync(http, GatewayError.InvalidRequest(ex.Message, ex.Param)).ConfigureAwait(false);
            return;
        }
        http.Response.ContentType = "application/json";
        http.Response.Headers["x-flowrouter-token-count"] = "estimate";
        await http.Response.WriteAsync($"{{\"input_tokens\":{tokens}}}", http.RequestAborted).ConfigureAwait(false);
    }
}

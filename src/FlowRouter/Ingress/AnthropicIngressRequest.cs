using FlowRouter.Core.Buffers;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Endpoints;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Providers.Http;
using FlowRouter.Routing;
using FlowRouter.Translation;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// One Anthropic Messages request. An Anthropic target gets the client's bytes with only "model" replaced and the
/// client's anthropic-version/anthropic-beta headers, and its answer is relayed as is; a target of another wire
/// format gets the request translated through the canonical model and its answer translated back.
/// Thinking signatures are bound to the model that made them (<see cref="ReasoningOrigins"/>): answers record where
/// theirs came from, and a request replaying one to another target is rewritten without it (the answer still
/// passes through).
/// </summary>
internal sealed class AnthropicIngressRequest(
    ReadOnlyMemory<byte> clientBody, AnthropicRequestScan scan, IReadOnlyList<KeyValuePair<string, string>> forwardedHeaders, ReasoningOrigins origins)
    : IngressRequest
{
    public override string Model => scan.Model!;
    public override bool Stream => scan.Stream;

    protected override ProviderType NativeType => ProviderType.Anthropic;

    protected override (ChatRequest? Request, GatewayError? Error) ReadCanonical()
    {
        try
        {
            var request = AnthropicRequestReader.Read(clientBody);
            ReasoningOriginStamp.Apply(request, origins);
            return (request, null);
        }
        catch (AnthropicFormatException ex)
        {
            return (null, GatewayError.InvalidRequest(ex.Message, ex.Param));
        }
    }

    protected override UpstreamRequest Passthrough(Target target)
    {
        var buffer = NewBuffer(clientBody.Length + target.Model.Length + 64);
        if (ReasoningOriginStamp.HoldsForeign(clientBody.Span, origins, target) && Canonical(out _) is { } canonical)
        {
            // Only what the client wrote is Anthropic's own here: no answer tool, no automatic cache markers.
            AnthropicRequestWriter.Write(canonical, buffer, EgressCodecs.AnthropicOptions(target) with { StructuredOutputAsTool = false, AutoCacheBreakpoints = false });
        }
        else
        {
            AnthropicRequestScanner.RewriteModel(clientBody.Span, scan, target.Model, buffer);
        }
        return new UpstreamRequest("v1/messages", buffer.WrittenMemory, scan.Stream)
        {
            IsStreamErrorEvent = StreamErrors.IsAnthropicErrorEvent,
            Headers = forwardedHeaders,
        };
    }

    public override Task RelayAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, Target target)
    {
        if (TranslationFor(target) is { } translation)
        {
            return RelayTranslatedAsync(http, outcome, call, translation);
        }
        return call.FirstEvent is null
            ? RelayJsonAsync(http, outcome, call, target)
            : PassthroughStreamRelay.RelayAsync(http, outcome, call, new AnthropicPassthroughStreamRules(origins, target));
    }

    private async Task RelayJsonAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, Target target)
    {
        ReasoningOriginStamp.Record(call.Body.Span, origins, target);
        var usage = new AnthropicUsageScan();
        usage.Apply(call.Body.Span);
        outcome.Usage = usage.Current;
        http.Response.StatusCode = call.Status;
        http.Response.ContentType = call.ContentType ?? "application/json";
        http.Response.ContentLength = call.Body.Length;
        await AnswerBody.WriteAsync(http.Response, call.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private async Task RelayTranslatedAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, EgressTranslation translation)
    {
        if (call.FirstEvent is not null)
        {
            using var encoder = new AnthropicStreamWriter();
            var decoder = new ReasoningOriginRecorder(translation.NewDecoder(), origins, translation.Target);
            await TranslatingStreamRelay.RelayAsync(http, outcome, call, decoder, encoder).ConfigureAwait(false);
            return;
        }
        if (TranslatedAnswer.Read(translation, call, outcome) is not { } response)
        {
            await AnthropicIngress.Instance.WriteErrorAsync(http, TranslatedAnswer.Unreadable(call)).ConfigureAwait(false);
            return;
        }
        ReasoningOriginStamp.Record(response, origins, translation.Target);
        await TranslatedAnswer.WriteJsonAsync(http, output => AnthropicResponseWriter.Write(response, output)).ConfigureAwait(false);
    }
}

using System.Buffers;
using FlowRouter.Core.Buffers;
using FlowRouter.Endpoints;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.Protocols.Transforms;
using FlowRouter.Providers.Http;
using FlowRouter.Routing;
using FlowRouter.Translation;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>Relaying a Responses answer: as is from a Responses upstream, translated from any other.</summary>
internal sealed partial class ResponsesIngressRequest
{
    public override Task RelayAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, Target target)
    {
        if (TranslationFor(target) is { } translation)
        {
            return RelayTranslatedAsync(http, outcome, call, translation);
        }
        return call.FirstEvent is null
            ? RelayJsonAsync(http, outcome, call, target)
            : PassthroughStreamRelay.RelayAsync(http, outcome, call, new ResponsesPassthroughStreamRules(json => Finished(json, target)));
    }

    private async Task RelayJsonAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, Target target)
    {
        if (ResponsesUsageReader.TryRead(call.Body.Span, out var usage))
        {
            outcome.Usage = usage;
        }
        if (call.Status == StatusCodes.Status200OK)
        {
            Finished(call.Body.Span, target);
        }
        http.Response.StatusCode = call.Status;
        http.Response.ContentType = call.ContentType ?? "application/json";
        http.Response.ContentLength = call.Body.Length;
        await AnswerBody.WriteAsync(http.Response, call.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private async Task RelayTranslatedAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, EgressTranslation translation)
    {
        var options = new ResponsesResponseWriterOptions { Request = translation.Request, TimeProvider = time };
        if (call.FirstEvent is not null)
        {
            using var encoder = new ResponsesStreamWriter(options) { Finished = json => Finished(json, translation.Target) };
            var decoder = _bridged.Count == 0 ? translation.NewDecoder() : new CustomToolStreamFilter(translation.NewDecoder(), _bridged);
            await TranslatingStreamRelay.RelayAsync(http, outcome, call, decoder, encoder).ConfigureAwait(false);
            return;
        }
        if (TranslatedAnswer.Read(translation, call, outcome) is not { } response)
        {
            await ResponsesIngress.Instance.WriteErrorAsync(http, TranslatedAnswer.Unreadable(call)).ConfigureAwait(false);
            return;
        }
        CustomToolBridge.Restore(response, _bridged);
        await TranslatedAnswer.WriteJsonAsync(http, output =>
        {
            using var buffer = new PooledBufferWriter(4096);
            ResponsesResponseWriter.Write(response, buffer, options);
            Finished(buffer.WrittenSpan, translation.Target);
            output.Write(buffer.WrittenSpan);
        }).ConfigureAwait(false);
    }
}

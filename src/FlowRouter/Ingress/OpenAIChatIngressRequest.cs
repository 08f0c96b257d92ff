using FlowRouter.Core.Buffers;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Providers.Http;
using FlowRouter.Routing;
using FlowRouter.Endpoints;
using FlowRouter.Translation;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// One OpenAI Chat request. An OpenAI-speaking target gets the client's bytes with only "model" replaced and its
/// answer comes back as is; a target of another wire format gets the request translated through the canonical
/// model (read once, on first need) and its answer is translated back. Bodies live in pooled buffers released with
/// the request.
/// </summary>
internal sealed class OpenAIChatIngressRequest(ReadOnlyMemory<byte> clientBody, OpenAIChatRequestScan scan, TimeProvider time) : IngressRequest
{
    public override string Model => scan.Model!;
    public override bool Stream => scan.Stream;

    /// <summary>True when the client streams without asking for usage: FlowRouter asks for it and hides it again.</summary>
    private bool InjectsUsage => scan.Stream && !scan.HasStreamOptions;

    protected override ProviderType NativeType => ProviderType.OpenAI;

    protected override (ChatRequest? Request, GatewayError? Error) ReadCanonical()
    {
        try
        {
            return (OpenAIChatRequestReader.Read(clientBody), null);
        }
        catch (OpenAIChatFormatException ex)
        {
            return (null, GatewayError.InvalidRequest(ex.Message, ex.Param));
        }
    }

    protected override UpstreamRequest Passthrough(Target target)
    {
        var buffer = NewBuffer(clientBody.Length + target.Model.Length + 64);
        OpenAIChatRequestScanner.RewriteModel(clientBody.Span, scan, target.Model, buffer);
        if (InjectsUsage)
        {
            var rewritten = buffer;
            buffer = NewBuffer(rewritten.WrittenCount + 64);
            StreamUsageRequest.Write(rewritten.WrittenSpan, buffer);
        }
        return new UpstreamRequest("chat/completions", buffer.WrittenMemory, scan.Stream) { IsStreamErrorEvent = StreamErrors.IsOpenAIErrorEvent };
    }

    public override Task RelayAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, Target target)
    {
        if (TranslationFor(target) is { } translation)
        {
            return RelayTranslatedAsync(http, outcome, call, translation);
        }
        return call.FirstEvent is null
            ? RelayJsonAsync(http, outcome, call)
            : PassthroughStreamRelay.RelayAsync(http, outcome, call, InjectsUsage ? OpenAIPassthroughStreamRules.DropUsageChunk : OpenAIPassthroughStreamRules.KeepAll);
    }

    private static async Task RelayJsonAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call)
    {
        if (OpenAIUsageReader.TryRead(call.Body.Span, out var usage))
        {
            outcome.Usage = usage;
        }
        http.Response.StatusCode = call.Status;
        http.Response.ContentType = call.ContentType ?? "application/json";
        http.Response.ContentLength = call.Body.Length;
        await AnswerBody.WriteAsync(http.Response, call.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private async Task RelayTranslatedAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, EgressTranslation translation)
    {
        var options = new OpenAIChatResponseWriterOptions { IncludeUsage = scan.IncludeUsage == true, TimeProvider = time };
        if (call.FirstEvent is not null)
        {
            using var encoder = new OpenAIChatStreamWriter(options);
            await TranslatingStreamRelay.RelayAsync(http, outcome, call, translation.NewDecoder(), encoder).ConfigureAwait(false);
            return;
        }
        if (TranslatedAnswer.Read(translation, call, outcome) is not { } response)
        {
            await OpenAIChatIngress.Instance.WriteErrorAsync(http, TranslatedAnswer.Unreadable(call)).ConfigureAwait(false);
            return;
        }
        await TranslatedAnswer.WriteJsonAsync(http, output => OpenAIChatResponseWriter.Write(response, output, options)).ConfigureAwait(false);
    }
}

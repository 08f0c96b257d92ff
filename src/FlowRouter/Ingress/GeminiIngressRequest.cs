using System.Globalization;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Endpoints;
using FlowRouter.Protocols.Gemini;
using FlowRouter.Providers.Http;
using FlowRouter.Routing;
using FlowRouter.Translation;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// One Gemini generateContent / streamGenerateContent request. The model is in the URL, so a Gemini target gets the
/// client's bytes untouched, posted to its own model's URL, and its answer is relayed as is (a stream event by event;
/// Gemini upstreams are always asked for SSE, see <see cref="GeminiPassthroughStreamRules"/> for a client that wants
/// the JSON array). A target of another format gets the request translated through the canonical model and its
/// answer written back in Gemini's shape, SSE or JSON array as the client asked.
/// </summary>
internal sealed class GeminiIngressRequest(ReadOnlyMemory<byte> clientBody, string model, bool stream, GeminiStreamFormat format) : IngressRequest
{
    public override string Model => model;
    public override bool Stream => stream;

    protected override ProviderType NativeType => ProviderType.Gemini;

    protected override (ChatRequest? Request, GatewayError? Error) ReadCanonical()
    {
        try
        {
            var request = GeminiRequestReader.Read(clientBody, model);
            request.Stream = stream;
            // Gemini streams carry usage on every chunk; the translated upstream is asked for it too.
            request.StreamIncludeUsage = stream;
            return (request, null);
        }
        catch (GeminiFormatException ex)
        {
            return (null, GatewayError.InvalidRequest(ex.Message, ex.Param));
        }
    }

    /// <summary>candidateCount &gt; 1 asks for several answers; only Gemini returns them in this shape.</summary>
    protected override GatewayError? CannotTranslate(ChatRequest canonical, Target target)
    {
        string? raw = canonical.Extensions?.Get("generationConfig.candidateCount") ?? canonical.Extensions?.Get("generationConfig.candidate_count");
        if (raw is null || !int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || count <= 1)
        {
            return null;
        }
        return GatewayError.InvalidRequest(
            $"generationConfig.candidateCount is {count}, but '{target.Provider.Id}' speaks {target.Provider.Type.ToConfigName()}, which FlowRouter " +
            "asks for one candidate only. Route this request to a gemini provider or leave candidateCount out (or set it to 1).",
            "generationConfig.candidateCount");
    }

    protected override UpstreamRequest Passthrough(Target target) =>
        new(EgressCodecs.GeminiPath(target, stream), clientBody, stream) { IsStreamErrorEvent = StreamErrors.IsGeminiErrorEvent };

    public override Task RelayAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, Target target)
    {
        if (TranslationFor(target) is { } translation)
        {
            return RelayTranslatedAsync(http, outcome, call, translation);
        }
        return call.FirstEvent is null
            ? RelayJsonAsync(http, outcome, call)
            : PassthroughStreamRelay.RelayAsync(http, outcome, call, new GeminiPassthroughStreamRules(format));
    }

    private static async Task RelayJsonAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call)
    {
        if (GeminiUsageScan.TryRead(call.Body.Span, out var usage))
        {
            outcome.Usage = usage;
        }
        http.Response.StatusCode = call.Status;
        http.Response.ContentType = call.ContentType ?? GeminiIngress.JsonArrayContentType;
        http.Response.ContentLength = call.Body.Length;
        await AnswerBody.WriteAsync(http.Response, call.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private async Task RelayTranslatedAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, EgressTranslation translation)
    {
        if (call.FirstEvent is not null)
        {
            using var encoder = new GeminiStreamWriter(new GeminiResponseWriterOptions(), format);
            string? contentType = format == GeminiStreamFormat.JsonArray ? GeminiIngress.JsonArrayContentType : null;
            await TranslatingStreamRelay.RelayAsync(http, outcome, call, translation.NewDecoder(), encoder, contentType).ConfigureAwait(false);
            return;
        }
        if (TranslatedAnswer.Read(translation, call, outcome) is not { } response)
        {
            await GeminiIngress.Instance.WriteErrorAsync(http, TranslatedAnswer.Unreadable(call)).ConfigureAwait(false);
            return;
        }
        await TranslatedAnswer.WriteJsonAsync(http, output => GeminiResponseWriter.Write(response, output)).ConfigureAwait(false);
    }
}

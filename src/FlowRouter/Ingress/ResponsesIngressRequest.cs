using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Endpoints;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.Protocols.Transforms;
using FlowRouter.Providers.Http;
using FlowRouter.Responses;
using FlowRouter.Routing;
using FlowRouter.Storage;
using FlowRouter.Translation;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// One Responses API request. previous_response_id is resolved by FlowRouter itself before routing (see
/// <see cref="ResponsesHistory"/>), so every target gets the whole conversation; a Responses target then gets those
/// bytes with only "model" replaced and its answer relayed as is, any other target gets the request translated.
/// Unless the client said store: false, the answer is kept (<see cref="ResponseStore"/>) under the client's key.
/// </summary>
internal sealed partial class ResponsesIngressRequest(
    ReadOnlyMemory<byte> clientBody, ResponsesRequestPeek peek, string owner, ResponseStore store, ReasoningOrigins origins, TimeProvider time) : IngressRequest
{
    /// <summary>The request with previous_response_id expanded into its history, when it had one.</summary>
    private ReadOnlyMemory<byte>? _expanded;
    private ResponsesRequestPeek? _expandedPeek;

    /// <summary>Custom tools carried as functions to the translated targets (see <see cref="CustomToolBridge"/>).</summary>
    private HashSet<string> _bridged = [];

    /// <summary>This turn's own input items (JSON array), kept when the answer is to be stored.</summary>
    private string? _ownInputItems;

    public override string Model => peek.Model!;
    public override bool Stream => peek.Stream;

    protected override ProviderType NativeType => ProviderType.OpenAIResponses;

    public override async ValueTask<GatewayError?> PrepareAsync(CancellationToken cancellationToken)
    {
        if (peek.PreviousResponseId is null && !peek.Stores)
        {
            return null; // the usual Codex turn (store: false, full history sent): nothing to look at
        }
        using var document = JsonDocument.Parse(clientBody);
        if (peek.Stores)
        {
            _ownInputItems = ResponsesHistory.InputItems(document.RootElement);
        }
        if (peek.PreviousResponseId is not { } previous)
        {
            return null;
        }
        var (turns, missing) = await store.ChainAsync(previous, owner).ConfigureAwait(false);
        if (missing is not null)
        {
            return new GatewayError(ErrorKind.InvalidRequest, 400, $"Previous response with id '{missing}' not found.")
            {
                Param = "previous_response_id",
                Code = "previous_response_not_found",
            };
        }
        var history = turns.ConvertAll(t => new ResponsesHistory.Turn(t.InputJson, t.ResponseJson));
        var buffer = NewBuffer(clientBody.Length + history.Sum(t => t.InputItemsJson.Length + t.ResponseJson.Length) + 256);
        ResponsesHistory.Expand(document.RootElement, history, buffer);
        _expanded = buffer.WrittenMemory;
        _expandedPeek = ResponsesRequestPeek.Of(buffer.WrittenSpan);
        return null;
    }

    private ReadOnlyMemory<byte> Body => _expanded ?? clientBody;

    protected override (ChatRequest? Request, GatewayError? Error) ReadCanonical()
    {
        try
        {
            var request = ResponsesRequestReader.Read(Body);
            ReasoningOriginStamp.Apply(request, origins);
            // Only targets of other formats read the canonical request, and none of them has custom tools.
            _bridged = CustomToolBridge.Apply(request);
            return (request, null);
        }
        catch (ResponsesFormatException ex)
        {
            return (null, GatewayError.InvalidRequest(ex.Message, ex.Param));
        }
    }

    /// <summary>
    /// Hosted tools (web_search, file_search, code_interpreter…) run inside OpenAI's Responses API; no other
    /// format can run them, and dropping one would silently change what the model can do.
    /// </summary>
    protected override GatewayError? CannotTranslate(ChatRequest canonical, Target target)
    {
        if (canonical.Tools.Find(t => t.Kind == ToolKind.Hosted) is { } hosted)
        {
            return GatewayError.InvalidRequest(
                $"The hosted tool '{hosted.Name}' runs only on OpenAI Responses providers; '{target.Provider.Id}' speaks {target.Provider.Type.ToConfigName()}. " +
                "Route this request to an openai-responses provider or leave the tool out.", "tools");
        }
        // An OpenAI file id means nothing to another vendor (OpenAI chat targets have the same files).
        bool fileIdElsewhere = target.Provider.Type != ProviderType.OpenAI && canonical.Messages.Exists(m => m.Parts.Exists(
            p => p is ImagePart { FileId: not null, Url: null, Base64Data: null } or FilePart { FileId: not null, Url: null, Base64Data: null }));
        return fileIdElsewhere
            ? GatewayError.InvalidRequest(
                $"The input refers to an OpenAI file by file_id, which '{target.Provider.Id}' ({target.Provider.Type.ToConfigName()}) cannot read. Send the file inline (base64) or by URL.", "input")
            : null;
    }

    protected override UpstreamRequest Passthrough(Target target)
    {
        var body = Body;
        var buffer = NewBuffer(body.Length + target.Model.Length + 64);
        if (ReasoningOriginStamp.HoldsForeign(body.Span, ReasoningFormat.Responses, origins, target))
        {
            // Reasoning another target made (encrypted for it, or stored by it) is left out for this one. The
            // request is read afresh: the shared canonical one has its custom tools bridged for other formats.
            var request = ResponsesRequestReader.Read(body);
            ReasoningOriginStamp.Apply(request, origins);
            ResponsesRequestWriter.Write(request, buffer, new ResponsesRequestWriterOptions { Model = target.Model, TargetProvider = target.Provider.Id, TargetModel = target.Model });
        }
        else
        {
            OpenAIChatRequestScanner.RewriteModel(body.Span, (_expandedPeek ?? peek).ModelSplice, target.Model, buffer);
        }
        return new UpstreamRequest("responses", buffer.WrittenMemory, peek.Stream) { IsStreamErrorEvent = StreamErrors.IsResponsesErrorEvent };
    }

    /// <summary>
    /// A finished answer (the response object as the client gets it): its reasoning is recorded as the target's, and
    /// it is kept when the client wants it stored.
    /// </summary>
    private void Finished(ReadOnlySpan<byte> responseJson, Target target)
    {
        ReasoningOriginStamp.Record(responseJson, ReasoningFormat.Responses, origins, target);
        if (_ownInputItems is null || ResponseIdOf(responseJson) is not { } id)
        {
            return;
        }
        store.Save(new StoredResponse
        {
            Id = id,
            Owner = owner,
            CreatedAt = time.GetUtcNow(),
            PreviousId = peek.PreviousResponseId,
            InputJson = _ownInputItems,
            ResponseJson = System.Text.Encoding.UTF8.GetString(responseJson),
        });
    }

    private static string? ResponseIdOf(ReadOnlySpan<byte> responseJson)
    {
        var reader = new Utf8JsonReader(responseJson);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }
            reader.Skip();
        }
        return null;
    }
}

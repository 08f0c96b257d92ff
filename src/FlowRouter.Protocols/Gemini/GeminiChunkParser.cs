using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// The state of one upstream Gemini stream. Every chunk is a whole GenerateContentResponse holding the next parts:
/// text parts become deltas of a Text block that stays open while text keeps coming, thought parts the same in a
/// Reasoning block (a change of kind closes one block and opens the next); a thoughtSignature is a Signature delta of
/// the block its part belongs to; each functionCall part is a complete ToolCall block (BlockStart, Signature delta when
/// signed, one Arguments delta with the whole args JSON, BlockStop), since Gemini sends calls whole. Parts without a
/// canonical stream event (inlineData, executableCode…) are skipped. usageMetadata repeats on every chunk with running
/// counts; the last seen goes out with the finish. finishReason ends the stream (MessageDelta, MessageStop); an
/// "error" object in the stream is a <see cref="StreamError"/>.
/// </summary>
internal sealed class GeminiChunkParser
{
    private readonly GeminiUsage _usage = new();
    private bool _started;
    private int _nextIndex;
    private int _open = -1;
    private BlockKind _openKind;
    private int _calls;
    private string? _responseId;

    /// <summary>Handles one chunk; true when the stream is over (finishReason, a blocked prompt, or an error).</summary>
    public bool Apply(ReadOnlyMemory<byte> data, List<StreamEvent> events)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data, GeminiJson.Document);
        }
        catch (JsonException)
        {
            events.Add(new StreamError(new GatewayError(ErrorKind.UpstreamError, 502, "The upstream sent a malformed stream chunk.")));
            return true;
        }
        using (document)
        {
            return Apply(document.RootElement, events);
        }
    }

    private bool Apply(JsonElement root, List<StreamEvent> events)
    {
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1)
        {
            root = root[0]; // an error body wrapped in an array
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            events.Add(new StreamError(new GatewayError(ErrorKind.UpstreamError, 502, "The upstream sent a stream chunk that is not a JSON object.")));
            return true;
        }
        if (root.TryGetProperty("error", out _))
        {
            CloseOpen(events);
            events.Add(GeminiErrorReader.ToStreamError(root));
            return true;
        }
        if (root.TryGetProperty("usageMetadata", out var usage))
        {
            _usage.Apply(usage);
        }
        Start(root, events);
        if (!root.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
        {
            return Blocked(root, events);
        }
        var candidate = candidates[0];
        if (candidate.TryGetProperty("content", out var content) && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                Part(part, events);
            }
        }
        if (GeminiJson.TryString(candidate, "finishReason") is not { } finish)
        {
            return false;
        }
        CloseOpen(events);
        events.Add(new MessageDelta(GeminiFinishReasons.Read(finish, _calls > 0), _usage.HasAny ? _usage.ToUsage() : null));
        events.Add(MessageStop.Instance);
        return true;
    }

    private void Start(JsonElement root, List<StreamEvent> events)
    {
        if (_started)
        {
            return;
        }
        _started = true;
        _responseId = GeminiJson.TryString(root, "responseId");
        var usage = _usage.HasAny ? _usage.ToUsage() : null;
        events.Add(new MessageStart(_responseId, GeminiJson.TryString(root, "modelVersion"), null, usage is null ? null : new Usage { InputTokens = usage.InputTokens, CacheReadTokens = usage.CacheReadTokens }));
    }

    /// <summary>A chunk without candidates: promptFeedback.blockReason ends the stream as a content filter stop.</summary>
    private bool Blocked(JsonElement root, List<StreamEvent> events)
    {
        if (!root.TryGetProperty("promptFeedback", out var feedback) || GeminiJson.TryString(feedback, "blockReason") is null)
        {
            return false;
        }
        CloseOpen(events);
        events.Add(new MessageDelta(FinishReason.ContentFilter, _usage.HasAny ? _usage.ToUsage() : null));
        events.Add(MessageStop.Instance);
        return true;
    }

    private void Part(JsonElement part, List<StreamEvent> events)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        string? signature = GeminiJson.TryString(part, GeminiWire.ThoughtSignature);
        if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
        {
            Call(call, signature, events);
            return;
        }
        if (GeminiJson.TryString(part, "text") is not { } text)
        {
            return;
        }
        bool thought = part.TryGetProperty("thought", out var flag) && flag.ValueKind == JsonValueKind.True;
        var kind = thought ? BlockKind.Reasoning : BlockKind.Text;
        if (text.Length > 0)
        {
            Ensure(kind, events);
            events.Add(new BlockDelta(_open, thought ? DeltaKind.Reasoning : DeltaKind.Text, text));
        }
        if (!string.IsNullOrEmpty(signature))
        {
            Ensure(kind, events);
            events.Add(new BlockDelta(_open, DeltaKind.Signature, signature));
        }
    }

    private void Call(JsonElement call, string? signature, List<StreamEvent> events)
    {
        CloseOpen(events);
        int index = _nextIndex++;
        string id = GeminiJson.TryString(call, "id") ?? GeminiToolIds.ForResponse(_responseId, _calls);
        _calls++;
        events.Add(new BlockStart(index, BlockKind.ToolCall, id, GeminiJson.TryString(call, "name") ?? ""));
        if (!string.IsNullOrEmpty(signature))
        {
            events.Add(new BlockDelta(index, DeltaKind.Signature, signature));
        }
        if (call.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object)
        {
            events.Add(new BlockDelta(index, DeltaKind.Arguments, args.GetRawText()));
        }
        events.Add(new BlockStop(index));
    }

    private void Ensure(BlockKind kind, List<StreamEvent> events)
    {
        if (_open >= 0 && _openKind == kind)
        {
            return;
        }
        CloseOpen(events);
        _open = _nextIndex++;
        _openKind = kind;
        events.Add(new BlockStart(_open, kind));
    }

    private void CloseOpen(List<StreamEvent> events)
    {
        if (_open >= 0)
        {
            events.Add(new BlockStop(_open));
            _open = -1;
        }
    }
}

using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.Routing;

namespace FlowRouter.Translation;

/// <summary>
/// Connects <see cref="ReasoningOrigins"/> to the traffic: records the origin of the signatures in an answer, stamps
/// known origins on a request's reasoning parts (writers then drop what belongs to another target), and checks a
/// passthrough body for reasoning of another target without parsing it.
/// </summary>
internal static class ReasoningOriginStamp
{
    /// <summary>Records every model-bound reasoning value in an answer (or stream event) as made by the target.</summary>
    public static void Record(ReadOnlySpan<byte> json, ReasoningFormat format, ReasoningOrigins origins, Target target)
    {
        if (!MayHold(json, format))
        {
            return; // the usual text or argument delta: nothing to allocate for
        }
        var values = new List<Range>();
        Collect(json, format, values);
        foreach (var range in values)
        {
            origins.Record(Unescaped(json[range]), target.Provider.Id, target.Model);
        }
    }

    /// <summary>Signatures and redacted blobs in Anthropic JSON.</summary>
    public static void Record(ReadOnlySpan<byte> anthropicJson, ReasoningOrigins origins, Target target) =>
        Record(anthropicJson, ReasoningFormat.Anthropic, origins, target);

    public static void Record(ChatResponse response, ReasoningOrigins origins, Target target)
    {
        foreach (var part in response.Message.Parts)
        {
            if (part is ReasoningPart reasoning && (reasoning.Signature ?? reasoning.RedactedData) is { Length: > 0 } value)
            {
                origins.Record(value, target.Provider.Id, target.Model);
            }
        }
    }

    /// <summary>Sets OriginProvider/OriginModel on every reasoning part whose signature FlowRouter has seen made.</summary>
    public static void Apply(ChatRequest request, ReasoningOrigins origins)
    {
        if (origins.Count == 0)
        {
            return;
        }
        foreach (var message in request.Messages)
        {
            foreach (var part in message.Parts)
            {
                if (part is ReasoningPart reasoning && (origins.Find(reasoning.Signature ?? reasoning.RedactedData) ?? origins.Find(reasoning.ItemId)) is { } origin)
                {
                    reasoning.OriginProvider = origin.Provider;
                    reasoning.OriginModel = origin.Model;
                }
            }
        }
    }

    /// <summary>True when the Anthropic body replays a signature FlowRouter saw another target make.</summary>
    public static bool HoldsForeign(ReadOnlySpan<byte> anthropicJson, ReasoningOrigins origins, Target target) =>
        HoldsForeign(anthropicJson, ReasoningFormat.Anthropic, origins, target);

    /// <summary>True when the body replays reasoning FlowRouter saw another target make.</summary>
    public static bool HoldsForeign(ReadOnlySpan<byte> json, ReasoningFormat format, ReasoningOrigins origins, Target target)
    {
        if (!origins.MayHoldOtherThan(target.Provider.Id, target.Model) || !MayHold(json, format))
        {
            return false;
        }
        var values = new List<Range>();
        Collect(json, format, values);
        foreach (var range in values)
        {
            if (origins.Find(Unescaped(json[range])) is { } origin && !origin.Is(target.Provider.Id, target.Model))
            {
                return true;
            }
        }
        return false;
    }

    private static bool MayHold(ReadOnlySpan<byte> json, ReasoningFormat format) => format == ReasoningFormat.Anthropic
        ? AnthropicSignatureScan.MayHold(json)
        : ResponsesReasoningScan.MayHold(json);

    private static void Collect(ReadOnlySpan<byte> json, ReasoningFormat format, List<Range> values)
    {
        if (format == ReasoningFormat.Anthropic)
        {
            AnthropicSignatureScan.Collect(json, values);
        }
        else
        {
            ResponsesReasoningScan.Collect(json, values);
        }
    }

    /// <summary>
    /// The value as text: base64 needs no escapes, but some JSON writers escape '+' and '/' anyway (System.Text.Json
    /// writes \u002B), and the same signature must give the same key however its client spelled it.
    /// </summary>
    private static ReadOnlySpan<byte> Unescaped(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return raw;
        }
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        var reader = new System.Text.Json.Utf8JsonReader(quoted);
        try
        {
            reader.Read();
            return System.Text.Encoding.UTF8.GetBytes(reader.GetString() ?? "");
        }
        catch (System.Text.Json.JsonException)
        {
            return raw;
        }
        catch (InvalidOperationException)
        {
            return raw;
        }
    }
}

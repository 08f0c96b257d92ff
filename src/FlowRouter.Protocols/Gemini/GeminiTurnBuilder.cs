using System.Text;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Turns canonical messages into contents Gemini accepts. A request read from Gemini is written as it came (Gemini
/// already accepted its shape, including consecutive turns of one role). One from another protocol is normalised:
/// <list type="bullet">
/// <item>leading system/developer messages join <see cref="ChatRequest.System"/> in systemInstruction; a later one
/// becomes user text prefixed "[system] " (Gemini has no mid-conversation system role);</item>
/// <item>assistant → "model", user and tool → "user"; consecutive turns of one role are merged; empty text is
/// dropped and turns left empty go;</item>
/// <item>every model turn's function calls are answered, in call order, at the start of the next user turn with one
/// functionResponse each (Gemini rejects anything else): a missing answer gets a stub whose response is
/// {"error": "<see cref="MissingResultText"/>"}; a result that answers no call of the previous turn becomes text;
/// images inside tool results follow the functionResponses as inlineData parts;</item>
/// <item>reasoning is replayed only when it is Gemini's own (see <see cref="MayReplay"/>); refusals become text; another
/// protocol's raw blocks and files known only by a provider file id are dropped;</item>
/// <item>the first call of a model turn without any signature gets <see cref="GeminiRequestWriterOptions.SignatureFallback"/>.</item>
/// </list>
/// </summary>
internal static class GeminiTurnBuilder
{
    public const string MissingResultText = "No result was provided for this tool call.";
    public const string SystemPrefix = "[system] ";

    public static List<GeminiTurn> Build(ChatRequest request, GeminiWriteContext context, List<ContentPart> system)
    {
        foreach (var call in request.Messages.SelectMany(m => m.Parts).OfType<ToolCallPart>())
        {
            context.CallNames.TryAdd(call.Id, call.Name);
        }
        system.AddRange(request.System.Where(p => context.SameProtocol || p is TextPart { Text.Length: > 0 }));
        var turns = new List<GeminiTurn>();
        int first = 0;
        if (!context.SameProtocol)
        {
            while (first < request.Messages.Count && request.Messages[first].Role.IsSystemLike)
            {
                system.AddRange(request.Messages[first++].Parts.Where(p => p is TextPart { Text.Length: > 0 }));
            }
        }
        for (int i = first; i < request.Messages.Count; i++)
        {
            var turn = ToTurn(request.Messages[i], context);
            if (context.SameProtocol)
            {
                turns.Add(turn);
            }
            else
            {
                Add(turns, turn);
            }
        }
        if (!context.SameProtocol)
        {
            PairToolResults(turns);
            AddFallbackSignatures(turns, context);
        }
        return turns;
    }

    private static GeminiTurn ToTurn(ChatMessage message, GeminiWriteContext context)
    {
        if (message.Role.IsSystemLike && !context.SameProtocol)
        {
            var turn = new GeminiTurn(GeminiWire.UserRole, null);
            string text = Join(message.Parts);
            if (text.Length > 0)
            {
                turn.Parts.Add(new TextPart(SystemPrefix + text));
            }
            return turn;
        }
        var result = new GeminiTurn(RoleOf(message.Role, context.SameProtocol), message);
        foreach (var part in message.Parts)
        {
            if (Convert(part, context) is { } kept)
            {
                result.Parts.Add(kept);
            }
        }
        return result;
    }

    private static string RoleOf(ChatRole role, bool sameProtocol)
    {
        if (role == ChatRole.Assistant)
        {
            return GeminiWire.ModelRole;
        }
        return sameProtocol && role != ChatRole.User ? role.Value : GeminiWire.UserRole;
    }

    private static ContentPart? Convert(ContentPart part, GeminiWriteContext context) => part switch
    {
        ReasoningPart reasoning => MayReplay(reasoning, context.Options) ? reasoning : null,
        _ when context.SameProtocol => part,
        TextPart { Text.Length: 0 } => null,
        RefusalPart refusal => refusal.Text.Length == 0 ? null : new TextPart(refusal.Text),
        RawPart raw => raw.Source == WireProtocol.Gemini ? raw : null,
        ImagePart image => image.Base64Data is not null || image.Url is not null ? image : null,
        FilePart file => file.Base64Data is not null || file.Url is not null ? file : null,
        _ => part,
    };

    /// <summary>
    /// A thought part goes back only when it is Gemini's (its extension bag is tagged Gemini: an Anthropic or OpenAI
    /// signature means nothing to Gemini) and, where the options and the part both name one, only to the provider and
    /// model that produced it.
    /// </summary>
    public static bool MayReplay(ReasoningPart reasoning, GeminiRequestWriterOptions options) =>
        GeminiJson.IsGemini(reasoning.Extensions)
        && Matches(reasoning.OriginProvider, options.TargetProvider)
        && Matches(reasoning.OriginModel, options.TargetModel);

    private static bool Matches(string? origin, string? target) =>
        origin is null || target is null || string.Equals(origin, target, StringComparison.OrdinalIgnoreCase);

    private static void Add(List<GeminiTurn> turns, GeminiTurn turn)
    {
        if (turn.Parts.Count == 0)
        {
            return;
        }
        if (turns.Count > 0 && turns[^1].Role == turn.Role)
        {
            turns[^1].Parts.AddRange(turn.Parts);
            turns[^1].Source = null;
            return;
        }
        turns.Add(turn);
    }

    private static void PairToolResults(List<GeminiTurn> turns)
    {
        for (int i = 0; i < turns.Count; i++)
        {
            var calls = turns[i].Role == GeminiWire.ModelRole ? turns[i].Parts.OfType<ToolCallPart>().ToList() : [];
            if (turns[i].Role == GeminiWire.UserRole)
            {
                var previous = i > 0 && turns[i - 1].Role == GeminiWire.ModelRole ? turns[i - 1].Parts.OfType<ToolCallPart>().ToList() : [];
                Answer(turns[i], previous);
            }
            else if (calls.Count > 0 && (i + 1 == turns.Count || turns[i + 1].Role != GeminiWire.UserRole))
            {
                turns.Insert(i + 1, new GeminiTurn(GeminiWire.UserRole, null));
            }
        }
    }

    /// <summary>Rebuilds a user turn: one functionResponse per call in call order, then images from results, then the rest.</summary>
    private static void Answer(GeminiTurn turn, List<ToolCallPart> calls)
    {
        if (calls.Count == 0 && !turn.Parts.Exists(p => p is ToolResultPart))
        {
            return;
        }
        var results = turn.Parts.OfType<ToolResultPart>().ToList();
        var ordered = new List<ContentPart>();
        var media = new List<ContentPart>();
        foreach (var call in calls)
        {
            int match = results.FindIndex(r => r.ToolCallId == call.Id);
            if (match >= 0)
            {
                ordered.Add(results[match]);
                media.AddRange(results[match].Content.Where(c => c is ImagePart or FilePart));
                results.RemoveAt(match);
            }
            else
            {
                var stub = new ToolResultPart(call.Id) { ToolName = call.Name, IsError = true, ContentIsString = true };
                stub.Content.Add(new TextPart(MissingResultText));
                ordered.Add(stub);
            }
        }
        ordered.AddRange(media);
        foreach (var part in turn.Parts.Where(p => p is not ToolResultPart || results.Contains(p)))
        {
            ordered.Add(part is ToolResultPart orphan ? new TextPart($"[tool result {orphan.ToolName ?? orphan.ToolCallId}] {Join(orphan.Content)}") : part);
        }
        turn.Parts.Clear();
        turn.Parts.AddRange(ordered);
        turn.Source = null;
    }

    private static void AddFallbackSignatures(List<GeminiTurn> turns, GeminiWriteContext context)
    {
        string? model = context.Options.TargetModel;
        if (context.Options.SignatureFallback is null || (model is not null && (model.StartsWith("gemini-1", StringComparison.OrdinalIgnoreCase) || model.StartsWith("gemini-2", StringComparison.OrdinalIgnoreCase))))
        {
            return;
        }
        foreach (var turn in turns.Where(t => t.Role == GeminiWire.ModelRole))
        {
            var calls = turn.Parts.OfType<ToolCallPart>().ToList();
            if (calls.Count > 0 && calls.TrueForAll(c => string.IsNullOrEmpty(c.Signature)))
            {
                context.FallbackSignature.Add(calls[0]);
            }
        }
    }

    internal static string Join(IEnumerable<ContentPart> parts)
    {
        var builder = new StringBuilder();
        foreach (var text in parts.OfType<TextPart>())
        {
            builder.Append(text.Text);
        }
        return builder.ToString();
    }
}

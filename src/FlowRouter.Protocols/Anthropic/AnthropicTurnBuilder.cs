using System.Text;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Turns canonical messages from any protocol into a conversation Anthropic accepts:
/// <list type="bullet">
/// <item>leading system/developer messages are hoisted into "system" after <see cref="ChatRequest.System"/>;</item>
/// <item>a system/developer message later in the conversation becomes a user-turn text block prefixed "[system] ".
/// Anthropic has no mid-conversation system role; dropping the instruction would change the model's behaviour
/// silently, and moving it to the top would change its meaning (it applied from that point on);</item>
/// <item>"tool" messages become tool_result blocks in a user turn; consecutive turns of one role are merged;</item>
/// <item>empty text blocks are removed (Anthropic rejects them) and turns left empty are dropped;</item>
/// <item>every tool_use is answered in the next user turn, tool_result blocks first: a missing answer gets an
/// is_error stub, because Anthropic rejects a tool_use without a result; a tool_result that answers no tool_use of
/// the previous turn becomes text, for the same reason.</item>
/// </list>
/// On a request read from Anthropic every step is a no-op, so the same-protocol round trip stays exact.
/// </summary>
internal static class AnthropicTurnBuilder
{
    public const string MissingResultText = "No result was provided for this tool call.";
    public const string SystemPrefix = "[system] ";

    public static List<AnthropicTurn> Build(ChatRequest request, AnthropicRequestWriterOptions options, List<ContentPart> system)
    {
        system.AddRange(request.System);
        int first = 0;
        while (first < request.Messages.Count && request.Messages[first].Role.IsSystemLike)
        {
            system.AddRange(request.Messages[first++].Parts.FindAll(p => p is TextPart));
        }
        var turns = new List<AnthropicTurn>();
        for (int i = first; i < request.Messages.Count; i++)
        {
            Add(turns, ToTurn(request.Messages[i], options));
        }
        PairToolResults(turns);
        return turns;
    }

    /// <summary>
    /// True when the conversation ends inside a tool loop (the last assistant turn calls tools and only their results
    /// follow) and that assistant turn does not start with a thinking block.
    /// </summary>
    public static bool ToolLoopWithoutThinking(List<AnthropicTurn> turns)
    {
        if (turns.Count < 2 || turns[^1].Role != "user" || turns[^2].Role != "assistant")
        {
            return false;
        }
        var assistant = turns[^2].Parts;
        return assistant.Exists(p => p is ToolCallPart) && turns[^1].Parts.Exists(p => p is ToolResultPart) && assistant[0] is not ReasoningPart;
    }

    /// <summary>True when the system prompt can go out as a plain string, the way the source gave it.</summary>
    public static bool SystemAsString(ChatRequest request, List<ContentPart> system)
    {
        bool hoistedOnly = request.System.Count == 0;
        bool stringSource = hoistedOnly
            ? request.Messages.Count > 0 && request.Messages[0].ContentIsString && (request.Messages.Count == 1 || !request.Messages[1].Role.IsSystemLike)
            : request.SystemIsString;
        return stringSource && system.Count == 1 && system[0] is TextPart { CacheControlJson: null, AnnotationsJson: null, Extensions: null };
    }

    private static AnthropicTurn ToTurn(ChatMessage message, AnthropicRequestWriterOptions options)
    {
        if (message.Role.IsSystemLike)
        {
            var turn = new AnthropicTurn("user", null);
            string text = Join(message.Parts);
            if (text.Length > 0)
            {
                turn.Parts.Add(new TextPart(SystemPrefix + text));
            }
            return turn;
        }
        bool assistant = message.Role == ChatRole.Assistant;
        var result = new AnthropicTurn(assistant ? "assistant" : "user", message);
        foreach (var part in message.Parts)
        {
            if (Convert(part, options) is { } kept)
            {
                result.Parts.Add(kept);
            }
        }
        return result;
    }

    /// <summary>The part as Anthropic can carry it, or null when it has to go (see the class summary).</summary>
    private static ContentPart? Convert(ContentPart part, AnthropicRequestWriterOptions options) => part switch
    {
        TextPart { Text.Length: 0 } => null,
        RefusalPart refusal => refusal.Text.Length == 0 ? null : new TextPart(refusal.Text),
        ReasoningPart reasoning => MayReplay(reasoning, options) ? reasoning : null,
        RawPart raw => raw.Source == WireProtocol.Anthropic ? raw : null,
        _ => AnthropicBlockWriter.CanWrite(part) ? part : null,
    };

    /// <summary>
    /// A thinking block is replayed only with its signature (or redacted data) and only to the model that made it:
    /// Anthropic rejects a thinking block without a valid signature. An unknown origin is trusted (the client sent it
    /// in this protocol, so it holds it valid); a known origin must match the target where the options name one.
    /// Reasoning another protocol's reader marked as its own (an OpenAI Responses reasoning item: its
    /// encrypted_content is no redacted_thinking data) is never replayed here.
    /// </summary>
    private static bool MayReplay(ReasoningPart reasoning, AnthropicRequestWriterOptions options)
    {
        if (string.IsNullOrEmpty(reasoning.Signature) && string.IsNullOrEmpty(reasoning.RedactedData))
        {
            return false;
        }
        if (reasoning.Extensions is { } origin && origin.Source != WireProtocol.Anthropic)
        {
            return false;
        }
        return Matches(reasoning.OriginProvider, options.TargetProvider) && Matches(reasoning.OriginModel, options.TargetModel);
    }

    private static bool Matches(string? origin, string? target) =>
        origin is null || target is null || string.Equals(origin, target, StringComparison.OrdinalIgnoreCase);

    private static void Add(List<AnthropicTurn> turns, AnthropicTurn turn)
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

    private static void PairToolResults(List<AnthropicTurn> turns)
    {
        for (int i = 0; i < turns.Count; i++)
        {
            var calls = turns[i].Role == "assistant" ? turns[i].Parts.OfType<ToolCallPart>().Select(c => c.Id).ToList() : [];
            if (turns[i].Role == "user")
            {
                OrphanResultsToText(turns[i], i > 0 && turns[i - 1].Role == "assistant" ? turns[i - 1] : null);
            }
            if (calls.Count == 0)
            {
                continue;
            }
            if (i + 1 == turns.Count || turns[i + 1].Role != "user")
            {
                turns.Insert(i + 1, new AnthropicTurn("user", null));
            }
            AnswerEveryCall(turns[i + 1], calls);
        }
    }

    private static void AnswerEveryCall(AnthropicTurn next, List<string> calls)
    {
        var answered = next.Parts.OfType<ToolResultPart>().Select(r => r.ToolCallId).ToHashSet(StringComparer.Ordinal);
        var stubs = new List<ContentPart>();
        foreach (string id in calls)
        {
            if (answered.Add(id))
            {
                var stub = new ToolResultPart(id) { IsError = true, ContentIsString = true };
                stub.Content.Add(new TextPart(MissingResultText));
                stubs.Add(stub);
            }
        }
        int firstOther = next.Parts.FindIndex(p => p is not ToolResultPart);
        bool resultsFirst = firstOther < 0 || !next.Parts.Skip(firstOther).Any(p => p is ToolResultPart);
        if (stubs.Count == 0 && resultsFirst)
        {
            return;
        }
        var ordered = next.Parts.Where(p => p is ToolResultPart).Concat(stubs).Concat(next.Parts.Where(p => p is not ToolResultPart)).ToList();
        next.Parts.Clear();
        next.Parts.AddRange(ordered);
        next.Source = null;
    }

    private static void OrphanResultsToText(AnthropicTurn turn, AnthropicTurn? previous)
    {
        var callIds = previous?.Parts.OfType<ToolCallPart>().Select(c => c.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        for (int i = 0; i < turn.Parts.Count; i++)
        {
            if (turn.Parts[i] is ToolResultPart result && !callIds.Contains(result.ToolCallId))
            {
                turn.Parts[i] = new TextPart($"[tool result {result.ToolName ?? result.ToolCallId}] {Join(result.Content)}");
                turn.Source = null;
            }
        }
    }

    private static string Join(List<ContentPart> parts)
    {
        var builder = new StringBuilder();
        foreach (var text in parts.OfType<TextPart>())
        {
            builder.Append(text.Text);
        }
        return builder.ToString();
    }
}

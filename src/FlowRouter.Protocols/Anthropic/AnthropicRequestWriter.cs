using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;
using FlowRouter.Protocols.Transforms;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as an Anthropic Messages request body. A request read from this protocol comes
/// back as the same JSON (key order aside). One from another protocol is made valid for Anthropic: see
/// <see cref="AnthropicTurnBuilder"/> for the conversation, <see cref="AnthropicReasoningWriter"/> for thinking and
/// structured output, <see cref="AnthropicToolWriter"/> for tools; max_tokens is always written (Anthropic requires
/// it); OpenAI-only sampling (frequency/presence penalty, seed) and other protocols' extensions are dropped.
/// </summary>
public static class AnthropicRequestWriter
{
    /// <summary>
    /// OpenAI's json_object mode has no Anthropic equivalent (structured output needs a schema, and an open
    /// {"type":"object"} schema would be closed by Anthropic's additionalProperties rule), so it becomes this
    /// instruction at the end of the system prompt.
    /// </summary>
    public const string JsonObjectInstruction = "Respond with a single valid JSON object and nothing else: no prose, no code fences.";

    /// <summary>Room left for the visible answer when max_tokens has to be raised above the thinking budget.</summary>
    public const int AnswerTokensAboveBudget = 1024;

    private static readonly AnthropicRequestWriterOptions DefaultOptions = new();

    public static byte[] Write(ChatRequest request, AnthropicRequestWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(request, buffer, options);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ChatRequest request, IBufferWriter<byte> output, AnthropicRequestWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= DefaultOptions;
        using var json = new Utf8JsonWriter(output, AnthropicJsonOptions.Writer);
        var writer = new JsonFieldWriter(WireProtocol.Anthropic, json);
        var system = new List<ContentPart>();
        var turns = AnthropicTurnBuilder.Build(request, options, system);
        var thinking = AnthropicReasoningWriter.Resolve(request);
        if (thinking.On(request) && AnthropicTurnBuilder.ToolLoopWithoutThinking(turns))
        {
            // Anthropic requires the assistant turn of an open tool loop to start with its thinking block; when it
            // has none (an OpenAI client cannot send one back, or it was made by another model and left out), this
            // one request goes without thinking rather than failing.
            thinking = AnthropicReasoningWriter.Thinking.Suppressed;
        }
        var outputTool = options.StructuredOutputAsTool ? StructuredOutputTool.For(request) : null;
        // Anthropic rejects a forced tool choice alongside thinking: then the tool is offered and asked for in words.
        bool thinkingOn = thinking.On(request);
        writer.StartObject();
        writer.String("model", options.Model ?? request.Model);
        WriteConversation(writer, request, options, system, turns, outputTool is not null && thinkingOn ? outputTool.Instruction : null);
        writer.Number("max_tokens", MaxTokens(request, options, thinking));
        AnthropicToolWriter.WriteTools(writer, request, outputTool?.Definition());
        if (outputTool is null)
        {
            AnthropicToolWriter.WriteToolChoice(writer, request, forcedAllowed: !thinking.Derived);
        }
        else
        {
            AnthropicToolWriter.WriteAnswerToolChoice(writer, request, outputTool, forcedAllowed: !thinkingOn);
        }
        AnthropicReasoningWriter.WriteThinking(writer, request, thinking);
        AnthropicReasoningWriter.WriteOutput(writer, request, schemaAsFormat: outputTool is null);
        WriteSampling(writer, request, thinking);
        WriteOther(writer, request);
        writer.Extensions(request.Extensions);
        writer.EndObject();
    }

    /// <summary>
    /// The client's limit (lowered to the model's maximum when the caller knows it), else the catalog's default.
    /// Anthropic requires budget_tokens &lt; max_tokens and counts
    /// thinking inside max_tokens, so a limit at or below the budget is raised to budget + 1024: the client asked for
    /// that much reasoning, and the answer after it needs room of its own (else every reply stops at max_tokens).
    /// </summary>
    private static int MaxTokens(ChatRequest request, AnthropicRequestWriterOptions options, AnthropicReasoningWriter.Thinking thinking)
    {
        int maxTokens = request.MaxOutputTokens ?? options.DefaultMaxTokens;
        if (options.MaxTokensLimit is { } limit && maxTokens > limit)
        {
            maxTokens = limit;
        }
        return thinking.Budget is { } budget && budget >= maxTokens ? budget + AnswerTokensAboveBudget : maxTokens;
    }

    private static void WriteConversation(
        JsonFieldWriter writer, ChatRequest request, AnthropicRequestWriterOptions options, List<ContentPart> system, List<AnthropicTurn> turns, string? answerToolInstruction)
    {
        if (request.ResponseFormat is { Kind: ResponseFormatKind.JsonObject })
        {
            system.Add(new TextPart(JsonObjectInstruction));
        }
        if (answerToolInstruction is not null)
        {
            system.Add(new TextPart(answerToolInstruction));
        }
        if (options.AutoCacheBreakpoints)
        {
            AnthropicCacheBreakpoints.Apply(system, turns);
        }
        WriteSystem(writer, request, system);
        writer.StartArray("messages");
        foreach (var turn in turns)
        {
            writer.StartObject();
            writer.String("role", turn.Role);
            writer.Name("content");
            var source = turn.Source;
            if (source is { ContentIsString: true } && turn.Parts is [TextPart { CacheControlJson: null, AnnotationsJson: null, Extensions: null } only])
            {
                writer.Json.WriteStringValue(only.Text);
            }
            else
            {
                AnthropicBlockWriter.WriteArray(writer, turn.Parts);
            }
            writer.Extensions(source?.Extensions);
            writer.EndObject();
        }
        writer.EndArray();
    }

    private static void WriteSystem(JsonFieldWriter writer, ChatRequest request, List<ContentPart> system)
    {
        if (AnthropicTurnBuilder.SystemAsString(request, system))
        {
            writer.String("system", ((TextPart)system[0]).Text);
            return;
        }
        var blocks = system.FindAll(p => p is TextPart { Text.Length: > 0 });
        if (blocks.Count > 0)
        {
            writer.Name("system");
            AnthropicBlockWriter.WriteArray(writer, blocks);
        }
    }

    /// <summary>
    /// Sampling as given. When this writer turned thinking on (from an OpenAI effort word), temperature and top_k are
    /// left out and top_p kept only at 0.95 or above: Anthropic rejects those modifications alongside thinking.
    /// </summary>
    private static void WriteSampling(JsonFieldWriter writer, ChatRequest request, AnthropicReasoningWriter.Thinking thinking)
    {
        if (request.Temperature is { } temperature && !thinking.Derived)
        {
            writer.Number("temperature", temperature);
        }
        if (request.TopP is { } topP && (!thinking.Derived || topP >= 0.95))
        {
            writer.Number("top_p", topP);
        }
        if (request.TopK is { } topK && !thinking.Derived)
        {
            writer.Number("top_k", topK);
        }
        if (request.StopSequences is { } stops)
        {
            writer.StartArray("stop_sequences");
            foreach (string stop in stops)
            {
                writer.Json.WriteStringValue(stop);
            }
            writer.EndArray();
        }
    }

    private static void WriteOther(JsonFieldWriter writer, ChatRequest request)
    {
        if (request.Stream)
        {
            writer.Bool("stream", true);
        }
        bool keptMetadata = request.Extensions?.AppliesTo(WireProtocol.Anthropic) == true
            && request.Extensions.Fields.Any(f => f.Key.StartsWith("metadata.", StringComparison.Ordinal));
        if (request.User is not null || keptMetadata)
        {
            // OpenAI's metadata (free key-value pairs for stored completions) is not carried: Anthropic's metadata
            // takes only user_id and rejects other keys.
            writer.StartObject("metadata");
            if (request.User is not null)
            {
                writer.String("user_id", request.User);
            }
            writer.Extensions(request.Extensions, "metadata.");
            writer.EndObject();
        }
    }
}

using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;
using FlowRouter.Protocols.Transforms;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Writes "tools" and "tool_choice". A function tool without a schema gets {"type":"object","properties":{}} because
/// Anthropic requires input_schema; hosted tools go out only when they are Anthropic's own (another protocol's hosted
/// tool, e.g. OpenAI's web_search_preview, means nothing here); OpenAI custom (free-form) tools have no Anthropic
/// equivalent and are left out.
/// </summary>
internal static class AnthropicToolWriter
{
    private const string EmptySchema = """{"type":"object","properties":{}}""";

    /// <summary>The request's tools, plus <paramref name="answerTool"/> (structured output as a tool) when given.</summary>
    public static void WriteTools(JsonFieldWriter writer, ChatRequest request, ToolDefinition? answerTool = null)
    {
        var tools = request.Tools.FindAll(IsWritable);
        if (answerTool is not null)
        {
            tools.Add(answerTool);
        }
        if (tools.Count == 0)
        {
            return;
        }
        writer.StartArray("tools");
        foreach (var tool in tools)
        {
            if (tool.Kind == ToolKind.Hosted)
            {
                writer.Json.WriteRawValue(tool.RawDefinitionJson!);
                continue;
            }
            writer.StartObject();
            writer.String("name", tool.Name);
            if (tool.Description is not null)
            {
                writer.String("description", tool.Description);
            }
            writer.Raw("input_schema", tool.ParametersJson ?? EmptySchema);
            if (tool.Strict is { } strict)
            {
                writer.Bool("strict", strict);
            }
            if (tool.CacheControlJson is not null)
            {
                writer.Raw("cache_control", tool.CacheControlJson);
            }
            writer.Extensions(tool.Extensions);
            writer.EndObject();
        }
        writer.EndArray();
    }

    private static bool IsWritable(ToolDefinition tool) => tool.Kind switch
    {
        ToolKind.Function => true,
        ToolKind.Hosted => tool.RawDefinitionJson is not null && tool.Extensions?.AppliesTo(WireProtocol.Anthropic) == true,
        _ => false,
    };

    /// <summary>
    /// Required→any, Tool→tool (with its name), None→none, Auto→auto. OpenAI's parallel_tool_calls=false becomes
    /// disable_parallel_tool_use on the choice (auto when the client named none). <paramref name="forcedAllowed"/> is
    /// false when thinking was turned on by this writer: Anthropic rejects forced tool use with thinking, so a forced
    /// choice falls back to auto rather than the request failing.
    /// </summary>
    public static void WriteToolChoice(JsonFieldWriter writer, ChatRequest request, bool forcedAllowed)
    {
        var choice = request.ToolChoice;
        bool? disableParallel = choice?.DisableParallel ?? (request.ParallelToolCalls == false ? true : null);
        if (choice is null && disableParallel is null)
        {
            return;
        }
        bool anthropicSource = request.Extensions?.AppliesTo(WireProtocol.Anthropic) == true;
        if (!anthropicSource && !request.Tools.Exists(IsWritable))
        {
            return; // a choice without tools is meaningless and Anthropic rejects some forms of it
        }
        var mode = choice?.Mode ?? ToolChoiceMode.Auto;
        if (!forcedAllowed && mode is ToolChoiceMode.Required or ToolChoiceMode.Tool)
        {
            mode = ToolChoiceMode.Auto;
        }
        writer.StartObject("tool_choice");
        writer.String("type", mode switch
        {
            ToolChoiceMode.Required => "any",
            ToolChoiceMode.Tool => "tool",
            ToolChoiceMode.None => "none",
            _ => "auto",
        });
        if (mode == ToolChoiceMode.Tool)
        {
            writer.String("name", choice!.ToolName ?? "");
        }
        if (disableParallel is { } disable && mode != ToolChoiceMode.None)
        {
            writer.Bool("disable_parallel_tool_use", disable);
        }
        writer.Extensions(request.Extensions, "tool_choice.");
        writer.EndObject();
    }

    /// <summary>
    /// The choice when the answer must come through <paramref name="tool"/>: that tool forced when the client has no
    /// real tool to call; with real tools, "any" (a real call or the answer), or the real tool the client forced.
    /// Without <paramref name="forcedAllowed"/> (thinking is on) only auto is possible, and the system prompt asks for
    /// the tool instead.
    /// </summary>
    public static void WriteAnswerToolChoice(JsonFieldWriter writer, ChatRequest request, StructuredOutputTool tool, bool forcedAllowed)
    {
        var choice = request.ToolChoice;
        bool realTools = choice?.Mode != ToolChoiceMode.None && request.Tools.Exists(IsWritable);
        bool? disableParallel = choice?.DisableParallel ?? (request.ParallelToolCalls == false ? true : null);
        writer.StartObject("tool_choice");
        if (!forcedAllowed)
        {
            writer.String("type", "auto");
        }
        else if (!realTools)
        {
            writer.String("type", "tool");
            writer.String("name", tool.Name);
        }
        else if (choice is { Mode: ToolChoiceMode.Tool, ToolName: { } forced })
        {
            writer.String("type", "tool");
            writer.String("name", forced);
        }
        else
        {
            writer.String("type", "any");
        }
        if (disableParallel is { } disable)
        {
            writer.Bool("disable_parallel_tool_use", disable);
        }
        writer.EndObject();
    }
}

using System.Globalization;
using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Streaming;

namespace FlowRouter.UnitTests.Protocols.OpenAIChat;

/// <summary>
/// Renders stream events as comparable text (records hold extension bags compared by reference) and accumulates
/// them into the answer a client would end up with.
/// </summary>
internal static class StreamEventText
{
    public static string Describe(StreamEvent e) => e switch
    {
        MessageStart s => $"start {s.Id} {s.Model} {s.Created} {Ext(s.Extensions)}",
        BlockStart b => $"block-start {b.Index} {b.Kind} {b.ToolCallId} {b.ToolName} {b.ToolKind} {b.LegacyFunctionCall}",
        BlockDelta d => $"delta {d.Index} {d.Kind} {d.Fragment}",
        BlockStop b => $"block-stop {b.Index}",
        MessageDelta m => $"message-delta {m.Finish} {Usage(m.Usage)}",
        MessageStop => "stop",
        StreamError err => $"error {err.Error.Kind} {err.Error.Message} {err.Error.Type} {err.Error.Code}",
        _ => e.ToString()!,
    };

    /// <summary>Text, refusal, reasoning, tool calls (id, name, full arguments), finish reason and usage.</summary>
    public static string Accumulate(IEnumerable<StreamEvent> events)
    {
        var text = new StringBuilder();
        var refusal = new StringBuilder();
        var reasoning = new StringBuilder();
        var tools = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Args)>();
        string finish = "", usage = "", end = "";
        foreach (var e in events)
        {
            switch (e)
            {
                case BlockStart { Kind: BlockKind.ToolCall } b:
                    tools[b.Index] = (b.ToolCallId, b.ToolName, new StringBuilder());
                    break;
                case BlockDelta { Kind: DeltaKind.Arguments } d:
                    tools[d.Index].Args.Append(d.Fragment);
                    break;
                case BlockDelta { Kind: DeltaKind.Text } d:
                    text.Append(d.Fragment);
                    break;
                case BlockDelta { Kind: DeltaKind.Refusal } d:
                    refusal.Append(d.Fragment);
                    break;
                case BlockDelta { Kind: DeltaKind.Reasoning } d:
                    reasoning.Append(d.Fragment);
                    break;
                case MessageDelta m:
                    finish = m.Finish?.Value ?? finish;
                    usage = m.Usage is null ? usage : Usage(m.Usage);
                    break;
                case MessageStop:
                    end = "done";
                    break;
                case StreamError err:
                    end = "error " + err.Error.Kind;
                    break;
            }
        }
        var result = new StringBuilder();
        result.Append(CultureInfo.InvariantCulture, $"text={text}\nrefusal={refusal}\nreasoning={reasoning}\nfinish={finish}\nusage={usage}\nend={end}\n");
        foreach (var tool in tools.Values)
        {
            result.Append(CultureInfo.InvariantCulture, $"tool {tool.Id} {tool.Name} {tool.Args}\n");
        }
        return result.ToString();
    }

    private static string Usage(Usage? u) =>
        u is null ? "" : $"in={u.InputTokens} out={u.OutputTokens} cached={u.CacheReadTokens} reasoning={u.ReasoningTokens} {Ext(u.Extensions)}";

    private static string Ext(JsonExtensions? extensions) =>
        extensions is null ? "" : string.Join(",", extensions.Fields.Select(f => f.Key + "=" + f.Value));
}

using System.Text.Json;

namespace FlowRouter.Routing.Tiers;

/// <summary>
/// One forward <see cref="Utf8JsonReader"/> pass over a request body of any client protocol (OpenAI Chat, Responses,
/// Anthropic Messages, Gemini), no DOM and no strings built. Structure is recognised by depth: root properties sit at
/// depth 1, elements of a root array at depth 2, so a "tools" or "role" key inside a tool's JSON schema is never
/// mistaken for a declaration or a turn.
/// </summary>
internal static class TierSignalReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    private enum Section { Other, Conversation, Tools, ReasoningEffort, ReasoningBlock, Thinking, GenerationConfig }

    private enum Key { None, Blob, Type, Effort, ReasoningBlock, ThinkingConfig, ThinkingBudget, FunctionDeclarations }

    public static TierSignals Read(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        var section = Section.Other;
        var key = Key.None;
        bool sectionIsArray = false, inFunctionDeclarations = false, malformed = false;
        long chars = 0;
        int fences = 0, tools = 0, declarations = 0, turns = 0, images = 0;
        TierReasoning reasoning = TierReasoning.None, pending = TierReasoning.None;
        try
        {
            while (reader.Read())
            {
                int depth = reader.CurrentDepth;
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    if (depth == 1)
                    {
                        reasoning = Max(reasoning, pending);
                        pending = TierReasoning.None;
                        section = RootSection(ref reader);
                        sectionIsArray = false;
                        key = section == Section.ReasoningBlock || section == Section.Thinking ? Key.ReasoningBlock : Key.None;
                    }
                    else
                    {
                        key = InnerKey(ref reader, section, depth);
                    }
                    if (IsMedia(ref reader))
                    {
                        images++;
                    }
                    continue;
                }
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    if (token == JsonTokenType.EndArray && depth == 3)
                    {
                        inFunctionDeclarations = false;
                    }
                    continue;
                }

                // A value starts here: count it as an element where that is what it is.
                if (depth == 1 && token == JsonTokenType.StartArray)
                {
                    sectionIsArray = true;
                }
                else if (depth == 1 && token == JsonTokenType.String && section == Section.Conversation)
                {
                    turns++;
                }
                else if (depth == 2 && sectionIsArray)
                {
                    turns += section == Section.Conversation ? 1 : 0;
                    tools += section == Section.Tools ? 1 : 0;
                }
                else if (depth == 4 && inFunctionDeclarations)
                {
                    declarations++;
                }

                switch (token)
                {
                    case JsonTokenType.StartArray when key == Key.FunctionDeclarations:
                        inFunctionDeclarations = true;
                        break;
                    case JsonTokenType.StartObject when key is Key.ReasoningBlock or Key.ThinkingConfig:
                        pending = TierReasoning.On;
                        break;
                    case JsonTokenType.Number when key == Key.ThinkingBudget && reader.TryGetInt64(out long budget) && budget == 0:
                        pending = TierReasoning.None;
                        break;
                    case JsonTokenType.String:
                        var value = reader.ValueSpan;
                        if (key != Key.Blob && !value.StartsWith("data:"u8))
                        {
                            chars += value.Length;
                            fences += CountFences(value);
                        }
                        if (section == Section.ReasoningEffort && depth == 1)
                        {
                            reasoning = Max(reasoning, Effort(ref reader));
                        }
                        else if (key == Key.Effort)
                        {
                            pending = Effort(ref reader);
                        }
                        else if (key == Key.Type)
                        {
                            if (section == Section.Thinking && depth == 2 && reader.ValueTextEquals("disabled"u8))
                            {
                                pending = TierReasoning.None;
                            }
                            else if (reader.ValueTextEquals("image"u8) || reader.ValueTextEquals("image_url"u8) || reader.ValueTextEquals("input_image"u8))
                            {
                                images++;
                            }
                        }
                        break;
                }
                key = Key.None;
            }
        }
        catch (JsonException)
        {
            malformed = true;
            chars = Math.Max(chars, body.Length);
        }
        reasoning = Max(reasoning, pending);
        return new TierSignals(chars, fences, Math.Max(tools, declarations), turns, reasoning, images, malformed);
    }

    private static Section RootSection(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("messages"u8) || reader.ValueTextEquals("input"u8) || reader.ValueTextEquals("contents"u8))
        {
            return Section.Conversation;
        }
        if (reader.ValueTextEquals("tools"u8))
        {
            return Section.Tools;
        }
        if (reader.ValueTextEquals("reasoning_effort"u8))
        {
            return Section.ReasoningEffort;
        }
        if (reader.ValueTextEquals("reasoning"u8))
        {
            return Section.ReasoningBlock;
        }
        if (reader.ValueTextEquals("thinking"u8))
        {
            return Section.Thinking;
        }
        return reader.ValueTextEquals("generationConfig"u8) || reader.ValueTextEquals("generation_config"u8)
            ? Section.GenerationConfig
            : Section.Other;
    }

    private static Key InnerKey(ref Utf8JsonReader reader, Section section, int depth)
    {
        if (reader.ValueTextEquals("data"u8) || reader.ValueTextEquals("encrypted_content"u8) || reader.ValueTextEquals("signature"u8)
            || reader.ValueTextEquals("thoughtSignature"u8) || reader.ValueTextEquals("thought_signature"u8))
        {
            return Key.Blob;
        }
        if (reader.ValueTextEquals("type"u8))
        {
            return Key.Type;
        }
        return section switch
        {
            Section.ReasoningBlock when depth == 2 && reader.ValueTextEquals("effort"u8) => Key.Effort,
            Section.GenerationConfig when depth == 2 && (reader.ValueTextEquals("thinkingConfig"u8) || reader.ValueTextEquals("thinking_config"u8)) => Key.ThinkingConfig,
            Section.GenerationConfig when depth == 3 && (reader.ValueTextEquals("thinkingBudget"u8) || reader.ValueTextEquals("thinking_budget"u8)) => Key.ThinkingBudget,
            Section.GenerationConfig when depth == 3 && (reader.ValueTextEquals("thinkingLevel"u8) || reader.ValueTextEquals("thinking_level"u8)) => Key.Effort,
            Section.Tools when depth == 3 && (reader.ValueTextEquals("functionDeclarations"u8) || reader.ValueTextEquals("function_declarations"u8)) => Key.FunctionDeclarations,
            _ => Key.None,
        };
    }

    private static bool IsMedia(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("inlineData"u8) || reader.ValueTextEquals("inline_data"u8)
        || reader.ValueTextEquals("fileData"u8) || reader.ValueTextEquals("file_data"u8);

    private static TierReasoning Effort(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("none"u8) || reader.ValueTextEquals("minimal"u8))
        {
            return TierReasoning.None;
        }
        return reader.ValueTextEquals("low"u8) ? TierReasoning.Low : TierReasoning.On;
    }

    private static int CountFences(ReadOnlySpan<byte> text)
    {
        int count = 0;
        for (int at = text.IndexOf("```"u8); at >= 0; at = text.IndexOf("```"u8))
        {
            count++;
            text = text[(at + 3)..];
        }
        return count;
    }

    private static TierReasoning Max(TierReasoning a, TierReasoning b) => a > b ? a : b;
}

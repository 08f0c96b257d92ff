using FlowRouter.Core.Canonical;
using Microsoft.ML.Tokenizers;

namespace FlowRouter.Providers.Tokens;

/// <summary>
/// Counts a request's input tokens with a real tokenizer (o200k_base, OpenAI's current encoding) where the provider
/// cannot count them itself. An estimate: other vendors' tokenizers differ by a few percent, and per-message framing
/// is approximated (+4 tokens per message, as OpenAI documents for its chat format), images are counted at a flat
/// 85 tokens (OpenAI's low-detail price), inline documents at one token per four bytes.
/// </summary>
public static class TokenEstimator
{
    private const int PerMessageOverhead = 4;
    private const int PerImage = 85;

    /// <summary>Inline documents: about one token per four bytes of file, the density of plain text.</summary>
    private const int BytesPerFileToken = 4;

    private static readonly Lazy<Tokenizer> Encoding = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>The o200k tokens of one text (the token saver's before/after counts).</summary>
    public static int CountTokens(string text) => Count(Encoding.Value, text);

    public static int CountInputTokens(ChatRequest request)
    {
        var tokenizer = Encoding.Value;
        int total = CountParts(tokenizer, request.System);
        foreach (var message in request.Messages)
        {
            total += PerMessageOverhead + CountParts(tokenizer, message.Parts);
        }
        foreach (var tool in request.Tools)
        {
            total += tokenizer.CountTokens(tool.Name) + Count(tokenizer, tool.Description) + Count(tokenizer, tool.ParametersJson ?? tool.RawDefinitionJson);
        }
        return total;
    }

    private static int CountParts(Tokenizer tokenizer, List<ContentPart> parts)
    {
        int total = 0;
        foreach (var part in parts)
        {
            total += part switch
            {
                TextPart text => tokenizer.CountTokens(text.Text),
                ToolCallPart call => tokenizer.CountTokens(call.Name) + tokenizer.CountTokens(call.ArgumentsJson),
                ToolResultPart result => CountParts(tokenizer, result.Content),
                ReasoningPart reasoning => Count(tokenizer, reasoning.Text),
                RefusalPart refusal => tokenizer.CountTokens(refusal.Text),
                ImagePart => PerImage,
                FilePart file => Count(tokenizer, file.Url) + (file.Base64Data is null ? 0 : file.Base64Data.Length * 3 / 4 / BytesPerFileToken),
                _ => 0,
            };
        }
        return total;
    }

    private static int Count(Tokenizer tokenizer, string? text) => string.IsNullOrEmpty(text) ? 0 : tokenizer.CountTokens(text);
}

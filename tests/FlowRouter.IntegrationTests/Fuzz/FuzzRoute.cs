using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// One client-facing route the input fuzz test drives: where a body goes for a given target, which recorded requests
/// seed it, and what its error shape is (a 4xx must come in the client's own protocol).
/// </summary>
internal sealed record FuzzRoute(string Name, string Protocol, Func<string, int, string> Path, ErrorShape Shape, bool ModelInBody)
{
    /// <summary>The four ingress protocols and the three count routes, in a fixed order (the run is deterministic).</summary>
    public static readonly FuzzRoute[] All =
    [
        new("openai-chat", "openai-chat", (_, _) => "v1/chat/completions", ErrorShape.OpenAI, true),
        new("openai-responses", "openai-responses", (_, _) => "v1/responses", ErrorShape.OpenAI, true),
        new("anthropic-messages", "anthropic-messages", (_, _) => "v1/messages", ErrorShape.Anthropic, true),
        new("gemini", "gemini", (target, i) => $"v1beta/models/{target}:" + (i % 2 == 0 ? "generateContent" : "streamGenerateContent?alt=sse"), ErrorShape.Gemini, false),
        new("messages-count-tokens", "anthropic-messages", (_, _) => "v1/messages/count_tokens", ErrorShape.Anthropic, true),
        new("responses-input-tokens", "openai-responses", (_, _) => "v1/responses/input_tokens", ErrorShape.OpenAI, true),
        new("gemini-count-tokens", "gemini", (target, _) => $"v1beta/models/{target}:countTokens", ErrorShape.Gemini, false),
    ];

    /// <summary>Every recorded request of the protocol that the repo keeps a copy of (tests/fixtures).</summary>
    public IReadOnlyList<byte[]> Seeds() =>
        Directory.GetFiles(System.IO.Path.Combine(Fixtures.RepoRoot ?? throw new DirectoryNotFoundException("tests/fixtures not found"), Protocol), "*.request.json")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();

    public bool IsCountRoute => Name.Contains("count", StringComparison.Ordinal) || Name.Contains("tokens", StringComparison.Ordinal);

    /// <summary>True when <paramref name="body"/> is an error in this route's protocol (with a message).</summary>
    public bool IsOwnErrorShape(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
                || !error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            return Shape switch
            {
                ErrorShape.Anthropic => root.TryGetProperty("type", out var type) && type.GetString() == "error"
                    && error.TryGetProperty("type", out var kind) && kind.ValueKind == JsonValueKind.String,
                ErrorShape.Gemini => error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
                    && error.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String,
                _ => error.TryGetProperty("type", out var openAIType) && openAIType.ValueKind == JsonValueKind.String,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public override string ToString() => Name;
}

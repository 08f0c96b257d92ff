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
    public bool IsOwnErrorShape(byte[] body) => ErrorShapes.Matches(Shape, body);

    public override string ToString() => Name;
}

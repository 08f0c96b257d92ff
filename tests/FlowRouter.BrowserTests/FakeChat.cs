using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.BrowserTests;

/// <summary>What the fake upstream answers the dashboard's chats: a slow stream of five words with usage.</summary>
internal static class FakeChat
{
    public const string Answer = "Hello from the fake upstream.";
    public const int PromptTokens = 1234;
    public const int CompletionTokens = 56;

    private static readonly string Usage = $$"""{"prompt_tokens":{{PromptTokens}},"completion_tokens":{{CompletionTokens}},"total_tokens":{{PromptTokens + CompletionTokens}}}""";

    public static FakeResponse Respond(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        string model = body.RootElement.GetProperty("model").GetString()!;
        if (!body.RootElement.TryGetProperty("stream", out var stream) || !stream.GetBoolean())
        {
            return FakeResponse.Json(200, $$$"""{"id":"c1","object":"chat.completion","created":1,"model":"{{{model}}}","choices":[{"index":0,"message":{"role":"assistant","content":"{{{Answer}}}"},"finish_reason":"stop"}],"usage":{{{Usage}}}}""");
        }
        var events = new List<string>();
        foreach (string word in new[] { "Hello", " from", " the", " fake", " upstream." })
        {
            events.Add(Chunk(model, $$"""{"index":0,"delta":{"content":{{JsonSerializer.Serialize(word)}}},"finish_reason":null}"""));
        }
        events.Add(Chunk(model, """{"index":0,"delta":{},"finish_reason":"stop"}"""));
        events.Add($$$"""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"{{{model}}}","choices":[],"usage":{{{Usage}}}}""");
        events.Add("[DONE]");
        return new FakeResponse
        {
            ContentType = "text/event-stream",
            Events = events.Select(e => Encoding.UTF8.GetBytes($"data: {e}\n\n")).ToArray(),
            DelayBetweenEvents = TimeSpan.FromMilliseconds(40),
        };
    }

    private static string Chunk(string model, string choice) =>
        $$"""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"{{model}}","choices":[{{choice}}]}""";
}

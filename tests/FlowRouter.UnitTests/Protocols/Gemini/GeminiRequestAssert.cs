using System.Text.Json;

namespace FlowRouter.UnitTests.Protocols.Gemini;

/// <summary>What Gemini requires of a generateContent body, checked structurally.</summary>
internal static class GeminiRequestAssert
{
    public static void Valid(JsonElement root)
    {
        Assert.False(root.TryGetProperty("model", out _));
        var contents = root.GetProperty("contents");
        Assert.True(contents.GetArrayLength() > 0, "contents must not be empty");
        string? previousRole = null;
        List<JsonElement> pendingCalls = [];
        foreach (var content in contents.EnumerateArray())
        {
            string role = content.GetProperty("role").GetString()!;
            Assert.Contains(role, new[] { "user", "model" });
            Assert.NotEqual(previousRole, role);
            var parts = content.GetProperty("parts").EnumerateArray().ToList();
            Assert.NotEmpty(parts);
            Assert.DoesNotContain(parts, p => p.TryGetProperty("text", out var t) && t.GetString()!.Length == 0 && !p.TryGetProperty("thoughtSignature", out _));
            if (role == "user")
            {
                AnswersInOrder(parts, pendingCalls);
                pendingCalls = [];
            }
            else
            {
                Assert.DoesNotContain(parts, p => p.TryGetProperty("functionResponse", out _));
                pendingCalls = parts.Where(p => p.TryGetProperty("functionCall", out _)).Select(p => p.GetProperty("functionCall")).ToList();
                foreach (var call in pendingCalls)
                {
                    Assert.Equal(JsonValueKind.Object, call.GetProperty("args").ValueKind);
                }
            }
            previousRole = role;
        }
        Assert.Empty(pendingCalls);
        if (root.TryGetProperty("tools", out var tools))
        {
            foreach (var declaration in tools.EnumerateArray().SelectMany(t => t.GetProperty("functionDeclarations").EnumerateArray()))
            {
                Assert.False(string.IsNullOrEmpty(declaration.GetProperty("name").GetString()));
                Assert.False(declaration.TryGetProperty("parameters", out _) && declaration.TryGetProperty("parametersJsonSchema", out _));
            }
        }
    }

    /// <summary>The user turn after calls starts with one functionResponse per call, same names and ids, in order.</summary>
    private static void AnswersInOrder(List<JsonElement> parts, List<JsonElement> calls)
    {
        var responses = parts.Where(p => p.TryGetProperty("functionResponse", out _)).Select(p => p.GetProperty("functionResponse")).ToList();
        Assert.Equal(calls.Count, responses.Count);
        for (int i = 0; i < calls.Count; i++)
        {
            Assert.True(parts[i].TryGetProperty("functionResponse", out _), "functionResponse parts come first");
            Assert.Equal(calls[i].GetProperty("name").GetString(), responses[i].GetProperty("name").GetString());
            Assert.Equal(Id(calls[i]), Id(responses[i]));
            Assert.Equal(JsonValueKind.Object, responses[i].GetProperty("response").ValueKind);
        }
    }

    private static string? Id(JsonElement element) => element.TryGetProperty("id", out var id) ? id.GetString() : null;
}

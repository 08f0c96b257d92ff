using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Anthropic;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

public sealed class AnthropicCacheBreakpointsTests
{
    private static ChatRequest Conversation(string? existingMarker = null)
    {
        var request = new ChatRequest { Model = "m" };
        var system = new ChatMessage(ChatRole.System) { ContentIsString = true };
        system.Parts.Add(new TextPart("You are terse."));
        request.Messages.Add(system);
        var user = new ChatMessage(ChatRole.User);
        user.Parts.Add(new TextPart("first") { CacheControlJson = existingMarker });
        request.Messages.Add(user);
        var assistant = new ChatMessage(ChatRole.Assistant);
        assistant.Parts.Add(new TextPart("ok"));
        request.Messages.Add(assistant);
        var last = new ChatMessage(ChatRole.User);
        last.Parts.Add(new TextPart("second"));
        request.Messages.Add(last);
        return request;
    }

    [Fact]
    public void Write_AutoCacheOn_MarksEndOfSystemAndLastUserTurnWithoutTouchingTheRequest()
    {
        var request = Conversation();
        using var json = JsonDocument.Parse(AnthropicRequestWriter.Write(request, new AnthropicRequestWriterOptions { AutoCacheBreakpoints = true }));
        var root = json.RootElement;
        Assert.Equal("ephemeral", root.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
        var messages = root.GetProperty("messages");
        Assert.Equal("ephemeral", messages[2].GetProperty("content")[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.False(messages[0].ToString().Contains("cache_control", StringComparison.Ordinal));
        Assert.All(request.Messages.SelectMany(m => m.Parts).OfType<TextPart>(), p => Assert.Null(p.CacheControlJson));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, """{"type":"ephemeral","ttl":"1h"}""")]
    public void Write_AutoCacheOffOrClientMarked_AddsNoBreakpoint(bool autoCache, string? clientMarker)
    {
        using var json = JsonDocument.Parse(AnthropicRequestWriter.Write(Conversation(clientMarker), new AnthropicRequestWriterOptions { AutoCacheBreakpoints = autoCache }));
        int markers = json.RootElement.ToString().Split("cache_control").Length - 1;
        Assert.Equal(clientMarker is null ? 0 : 1, markers);
    }
}

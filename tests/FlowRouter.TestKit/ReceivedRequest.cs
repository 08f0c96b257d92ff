using System.Text;
using System.Text.Json;

namespace FlowRouter.TestKit;

/// <summary>What the fake upstream received: method, path, headers and body, plus whether the caller gave up on it.</summary>
public sealed class ReceivedRequest
{
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required string Method { get; init; }
    public required string Path { get; init; }

    /// <summary>The query string as sent, with its '?' (empty when there was none).</summary>
    public string Query { get; init; } = "";
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required byte[] Body { get; init; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>Completes when the caller aborted this request (connection closed before the answer finished).</summary>
    public Task Aborted => _aborted.Task;

    internal void MarkAborted() => _aborted.TrySetResult();
}

using FlowRouter.Core.Canonical;

namespace FlowRouter.Endpoints;

/// <summary>What one client request came to, gathered along the way for the log line and the request log.</summary>
internal sealed class RequestOutcome(string id, DateTimeOffset startedAt, long startTimestamp)
{
    public string Id { get; } = id;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public long StartTimestamp { get; } = startTimestamp;
    public string Ingress { get; set; } = "openai-chat";
    public string? KeyName { get; set; }
    public string? RequestedModel { get; set; }
    public string? Provider { get; set; }
    public string? UpstreamModel { get; set; }
    public int Status { get; set; }
    public bool Stream { get; set; }
    public TimeSpan? TimeToFirstToken { get; set; }
    public Usage? Usage { get; set; }
    public int Attempts { get; set; }

    /// <summary>Every attempt with its outcome and the failure rule that fired, for the request log.</summary>
    public IReadOnlyList<Routing.AttemptRecord>? AttemptLog { get; set; }
    public string? Error { get; set; }

    /// <summary>Bytes of the client's request body (null when it was never read).</summary>
    public long? RequestBytes { get; set; }

    /// <summary>The o200k tokens of the tool output the token saver condensed, before and after (null: it condensed nothing).</summary>
    public long? ToolTokensBefore { get; set; }

    /// <inheritdoc cref="ToolTokensBefore"/>
    public long? ToolTokensAfter { get; set; }

    /// <summary>
    /// The client's request body while it is alive: what error and attempt messages are cleaned of before they are
    /// logged (see GatewayEndpoint.KeepPromptsOutOfTheLog). Never logged itself.
    /// </summary>
    public Hosting.RequestBody? PromptSource { get; set; }

    /// <summary>Bytes of response body written to the client.</summary>
    public long? ResponseBytes { get; set; }
}

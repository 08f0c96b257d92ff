namespace FlowRouter.Storage;

/// <summary>
/// One Responses API answer kept for previous_response_id and GET /v1/responses/{id}: the input items of its own
/// turn (earlier turns are reached through <see cref="PreviousId"/>) and the response object as the client got it.
/// <see cref="Owner"/> is the client key that created it; no other key may read or delete it.
/// </summary>
public sealed record StoredResponse
{
    public required string Id { get; init; }
    public required string Owner { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? PreviousId { get; init; }

    /// <summary>This turn's input items, as a JSON array of Responses input items.</summary>
    public required string InputJson { get; init; }

    /// <summary>The response object (id, status, output, usage…) as JSON.</summary>
    public required string ResponseJson { get; init; }
}

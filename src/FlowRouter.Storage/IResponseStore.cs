namespace FlowRouter.Storage;

/// <summary>Stored Responses API answers, each visible only to the client key that created it.</summary>
public interface IResponseStore
{
    void SaveResponse(StoredResponse response);

    /// <summary>
    /// The response with that id owned by <paramref name="owner"/>, or null (absent, or another key's). A null owner
    /// finds anyone's (the admin).
    /// </summary>
    StoredResponse? FindResponse(string id, string? owner);

    /// <summary>True when a response of <paramref name="owner"/> was deleted.</summary>
    bool DeleteResponse(string id, string owner);

    /// <summary>Deletes responses created before <paramref name="cutoff"/>; returns how many.</summary>
    int PruneResponses(DateTimeOffset cutoff);
}

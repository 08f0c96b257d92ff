namespace FlowRouter.Storage;

/// <summary>Remembers each provider's discovered model list across restarts, so start-up needs no network call.</summary>
public interface IModelCache
{
    /// <summary>The cached list for a provider at that base URL, with when it was fetched; null when none.</summary>
    (IReadOnlyList<string> Models, DateTimeOffset FetchedAt)? LoadModels(string providerId, string baseUrl);

    void SaveModels(string providerId, string baseUrl, IReadOnlyList<string> models, DateTimeOffset fetchedAt);
}

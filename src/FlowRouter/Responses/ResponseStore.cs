using System.Collections.Concurrent;
using System.Threading.Channels;
using FlowRouter.Storage;

namespace FlowRouter.Responses;

/// <summary>
/// Stored Responses API answers (previous_response_id, GET/DELETE /v1/responses/{id}). A new answer is visible at
/// once from memory — before its last event reaches the client, so the client's next turn always finds it — and is
/// written to the store by a background task, so no request waits on SQLite. Lookups that miss memory run on the
/// thread pool for the same reason (Kestrel runs requests inline on socket threads).
/// </summary>
internal sealed class ResponseStore : IAsyncDisposable
{
    /// <summary>How long stored responses are kept (OpenAI keeps its own for 30 days).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>How far back previous_response_id is followed; a longer chain is refused rather than walked forever.</summary>
    public const int MaxChainLength = 1000;

    private readonly IResponseStore _persistent;
    private readonly ConcurrentDictionary<string, StoredResponse> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _deleted = new(StringComparer.Ordinal);
    private readonly Channel<StoredResponse> _queue = Channel.CreateUnbounded<StoredResponse>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public ResponseStore(IResponseStore persistent, TimeProvider time)
    {
        _persistent = persistent;
        _writer = Task.Run(async () =>
        {
            persistent.PruneResponses(time.GetUtcNow() - Retention);
            await WriteLoopAsync().ConfigureAwait(false);
        });
    }

    public void Save(StoredResponse response)
    {
        _deleted.TryRemove(response.Id, out _);
        _pending[response.Id] = response;
        _queue.Writer.TryWrite(response);
    }

    /// <summary>The stored response <paramref name="id"/> if <paramref name="owner"/> owns it (null owner: the admin, anyone's).</summary>
    public async ValueTask<StoredResponse?> FindAsync(string id, string? owner)
    {
        if (_deleted.ContainsKey(id))
        {
            return null;
        }
        if (_pending.TryGetValue(id, out var pending))
        {
            return owner is null || pending.Owner == owner ? pending : null;
        }
        return await Task.Run(() => _persistent.FindResponse(id, owner)).ConfigureAwait(false);
    }

    public async ValueTask<bool> DeleteAsync(string id, string? owner)
    {
        if (await FindAsync(id, owner).ConfigureAwait(false) is not { } found)
        {
            return false;
        }
        _deleted[id] = 0;
        _pending.TryRemove(id, out _);
        await Task.Run(() => _persistent.DeleteResponse(id, found.Owner)).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The conversation that ends with <paramref name="lastId"/>, oldest turn first, or the id that could not be
    /// found (absent, expired, or another key's) as <c>Missing</c>.
    /// </summary>
    public async ValueTask<(List<StoredResponse> Turns, string? Missing)> ChainAsync(string lastId, string owner)
    {
        var turns = new List<StoredResponse>();
        string? id = lastId;
        while (id is not null && turns.Count < MaxChainLength)
        {
            if (await FindAsync(id, owner).ConfigureAwait(false) is not { } turn)
            {
                return (turns, id);
            }
            turns.Add(turn);
            id = turn.PreviousId;
        }
        turns.Reverse();
        return (turns, null);
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var response in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!_deleted.ContainsKey(response.Id))
            {
                _persistent.SaveResponse(response);
            }
            // Still pending only if no newer save of the same id came in meanwhile.
            _pending.TryRemove(new KeyValuePair<string, StoredResponse>(response.Id, response));
        }
    }

    /// <summary>Writes what is still queued, so nothing a client was told is stored is lost at shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}

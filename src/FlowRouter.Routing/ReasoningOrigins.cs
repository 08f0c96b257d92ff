using System.Collections.Concurrent;
using System.Text;

namespace FlowRouter.Routing;

/// <summary>
/// Which provider and model produced each thinking signature (or redacted-thinking blob) FlowRouter relayed, so a
/// conversation replayed to another target can leave out the reasoning that target would reject: a signature is
/// only valid for the model that made it. Bounded, oldest first out; in memory only, so after a restart an unknown
/// signature is passed on as the client sent it (the upstream is then the judge, as without FlowRouter).
/// A value is keyed by its last <see cref="KeyLength"/> characters: signatures are base64 of random-looking bytes,
/// so the tail identifies one without keeping kilobytes per entry.
/// </summary>
public sealed class ReasoningOrigins(int capacity = 50_000)
{
    public const int KeyLength = 64;

    private readonly ConcurrentDictionary<string, Origin> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _arrival = new();
    private readonly ConcurrentDictionary<Origin, byte> _distinct = new();

    public readonly record struct Origin(string Provider, string Model)
    {
        public bool Is(string provider, string model) =>
            string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase) && string.Equals(Model, model, StringComparison.OrdinalIgnoreCase);
    }

    public int Count => _byKey.Count;

    public void Record(ReadOnlySpan<byte> utf8Value, string provider, string model)
    {
        if (utf8Value.Length == 0)
        {
            return;
        }
        var origin = new Origin(provider, model);
        string key = KeyOf(utf8Value);
        if (_byKey.TryAdd(key, origin))
        {
            _arrival.Enqueue(key);
            _distinct.TryAdd(origin, 0);
            while (_byKey.Count > capacity && _arrival.TryDequeue(out var oldest))
            {
                _byKey.TryRemove(oldest, out _);
            }
        }
    }

    public void Record(string value, string provider, string model) => Record(Encoding.UTF8.GetBytes(value), provider, model);

    public Origin? Find(ReadOnlySpan<byte> utf8Value) =>
        utf8Value.Length > 0 && _byKey.TryGetValue(KeyOf(utf8Value), out var origin) ? origin : null;

    public Origin? Find(string? value) => string.IsNullOrEmpty(value) ? null : Find(Encoding.UTF8.GetBytes(value));

    /// <summary>
    /// False when every recorded value came from this target (or none was recorded): then nothing in a request can
    /// be foreign to it and the request need not be searched. The usual one-model session stays on this fast path.
    /// </summary>
    public bool MayHoldOtherThan(string provider, string model)
    {
        foreach (var origin in _distinct.Keys)
        {
            if (!origin.Is(provider, model))
            {
                return true;
            }
        }
        return false;
    }

    private static string KeyOf(ReadOnlySpan<byte> utf8Value) =>
        Encoding.UTF8.GetString(utf8Value.Length > KeyLength ? utf8Value[^KeyLength..] : utf8Value);
}

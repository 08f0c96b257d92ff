using System.Security.Cryptography;
using FlowRouter.Protocols.Transforms;

namespace FlowRouter.TokenSaving;

/// <summary>
/// Condenses the tool output inside a request body with the token saver's compressors, counting o200k tokens before
/// and after. An agent resends its whole history every turn, so each distinct output is compressed and counted once:
/// results are remembered by the SHA-256 of the text and the command that made it (a bounded table, emptied when full — the output is the same
/// either way, which keeps provider prompt caches matching).
/// </summary>
internal sealed class ToolOutputSaver(Func<string, string?, string?> compress)
{
    /// <summary>How many distinct tool outputs are remembered before the table starts afresh.</summary>
    public const int RememberedOutputs = 4096;

    private readonly Lock _lock = new();
    private Dictionary<Hash, Entry> _seen = new();

    /// <summary>The new body (null: nothing condensed, keep the client's bytes) and the tool-output tokens before and after.</summary>
    public readonly record struct Saving(byte[]? Body, long TokensBefore, long TokensAfter)
    {
        public long TokensSaved => TokensBefore - TokensAfter;
    }

    private readonly record struct Hash(long A, long B, long C, long D);

    /// <summary>A condensed output (null: left as it was) and its token counts.</summary>
    private sealed record Entry(string? Condensed, int TokensBefore, int TokensAfter);

    public Saving Apply(ReadOnlySpan<byte> body, ToolOutputFormat format, int minChars)
    {
        long before = 0, after = 0;
        var result = ToolOutputRewriter.Rewrite(body, format, (text, command) =>
        {
            if (text.Length < minChars)
            {
                return null;
            }
            var entry = Lookup(text, command);
            if (entry.Condensed is not null)
            {
                before += entry.TokensBefore;
                after += entry.TokensAfter;
            }
            return entry.Condensed;
        });
        return result.Body is null ? default : new Saving(result.Body, before, after);
    }

    private Entry Lookup(string text, string? command)
    {
        var hash = HashOf(text, command);
        lock (_lock)
        {
            if (_seen.TryGetValue(hash, out var known))
            {
                return known;
            }
        }
        // Compressed outside the lock: two requests racing on one new output both compute the same answer.
        string? condensed = compress(text, command);
        var entry = Counted(text, condensed);
        lock (_lock)
        {
            if (_seen.Count >= RememberedOutputs)
            {
                _seen = new Dictionary<Hash, Entry>();
            }
            _seen[hash] = entry;
        }
        return entry;
    }

    /// <summary>The condensed text with both counts, or no change when it is not shorter or saves no token (<see cref="TokenPayoff"/>).</summary>
    private static Entry Counted(string text, string? condensed) =>
        condensed is not null && condensed.Length < text.Length && TokenPayoff.Pays(text, condensed, out int before, out int after)
            ? new Entry(condensed, before, after)
            : new Entry(null, 0, 0);

    private static Hash HashOf(string text, string? command)
    {
        Hash key = Sha256(text);
        if (string.IsNullOrEmpty(command))
        {
            return key; // no hint: the text alone
        }
        // One-shot hashes of each (no hasher object per lookup), the command's rotated so that the pair is ordered.
        Hash hint = Sha256(command);
        return new Hash(key.A ^ long.RotateLeft(hint.A, 1), key.B ^ long.RotateLeft(hint.B, 1),
            key.C ^ long.RotateLeft(hint.C, 1), key.D ^ long.RotateLeft(hint.D, 1));
    }

    private static Hash Sha256(string text)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan()), digest);
        return new Hash(BitConverter.ToInt64(digest), BitConverter.ToInt64(digest[8..]), BitConverter.ToInt64(digest[16..]), BitConverter.ToInt64(digest[24..]));
    }
}

using System.Globalization;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Gemini's functionCall/functionResponse "id" is optional and most models leave it out; the canonical model needs
/// one to pair a call with its result. Ids this codec invents are deterministic, so the same conversation read twice
/// (each turn of an agent loop re-sends the history) gives the same ids and results stay paired across turns:
/// in a request, "gcall_{turn}_{part}" from the call's position in contents; in a response, "gcall_{responseId}_{n}"
/// for the n-th call of the answer. Writers recognise them by <see cref="Prefix"/> (also after a hop through another
/// protocol's client, which keeps only the id) and leave them out, so Gemini never sees an id it did not give.
/// </summary>
public static class GeminiToolIds
{
    public const string Prefix = "gcall_";

    /// <summary>Marker key on a part whose id this codec invented.</summary>
    internal const string SyntheticMarker = "@synthetic_id";

    public static string ForRequest(int turn, int part) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{turn}_{part}");

    public static string ForResponse(string? responseId, int ordinal) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{(string.IsNullOrEmpty(responseId) ? "r" : responseId)}_{ordinal}");

    public static bool IsSynthetic(string? id) => id is not null && id.StartsWith(Prefix, StringComparison.Ordinal);
}

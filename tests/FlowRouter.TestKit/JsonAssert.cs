using System.Text.Json;

namespace FlowRouter.TestKit;

/// <summary>
/// Compares JSON documents as parsed values: key order and whitespace are ignored, numbers compare by value
/// (1.0 equals 1), and a mismatch reports the first differing path.
/// </summary>
public static class JsonAssert
{
    public static void Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected.ToArray());
        using var actualDocument = JsonDocument.Parse(actual.ToArray());
        Equal(expectedDocument.RootElement, actualDocument.RootElement);
    }

    public static void Equal(string expected, string actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        Equal(expectedDocument.RootElement, actualDocument.RootElement);
    }

    public static void Equal(JsonElement expected, JsonElement actual)
    {
        if (FirstDifference(expected, actual, "$") is { } difference)
        {
            throw new JsonAssertException(difference);
        }
    }

    /// <summary>A description of the first difference, or null when the two are equal.</summary>
    public static string? FirstDifference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {Describe(expected)} but found {Describe(actual)}";
        }
        return expected.ValueKind switch
        {
            JsonValueKind.Object => ObjectDifference(expected, actual, path),
            JsonValueKind.Array => ArrayDifference(expected, actual, path),
            JsonValueKind.String => expected.GetString() == actual.GetString() ? null : $"{path}: expected {Describe(expected)} but found {Describe(actual)}",
            JsonValueKind.Number => NumberEqual(expected, actual) ? null : $"{path}: expected {expected.GetRawText()} but found {actual.GetRawText()}",
            _ => null,
        };
    }

    private static string? ObjectDifference(JsonElement expected, JsonElement actual, string path)
    {
        var actualNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in actual.EnumerateObject())
        {
            actualNames.Add(property.Name);
        }
        foreach (var property in expected.EnumerateObject())
        {
            if (!actual.TryGetProperty(property.Name, out var actualValue))
            {
                return $"{path}.{property.Name}: missing (expected {Describe(property.Value)})";
            }
            actualNames.Remove(property.Name);
            if (FirstDifference(property.Value, actualValue, path + "." + property.Name) is { } difference)
            {
                return difference;
            }
        }
        foreach (string extra in actualNames)
        {
            return $"{path}.{extra}: unexpected property {Describe(actual.GetProperty(extra))}";
        }
        return null;
    }

    private static string? ArrayDifference(JsonElement expected, JsonElement actual, string path)
    {
        int expectedLength = expected.GetArrayLength(), actualLength = actual.GetArrayLength();
        for (int i = 0; i < Math.Min(expectedLength, actualLength); i++)
        {
            if (FirstDifference(expected[i], actual[i], $"{path}[{i}]") is { } difference)
            {
                return difference;
            }
        }
        return expectedLength == actualLength ? null : $"{path}: expected {expectedLength} items but found {actualLength}";
    }

    private static bool NumberEqual(JsonElement expected, JsonElement actual) =>
        expected.TryGetDecimal(out decimal a) && actual.TryGetDecimal(out decimal b)
            ? a == b
            : expected.GetDouble().Equals(actual.GetDouble());

    private static string Describe(JsonElement element)
    {
        string raw = element.GetRawText();
        return raw.Length > 80 ? raw[..80] + "…" : raw;
    }
}

using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Json;

/// <summary>
/// A thin layer over <see cref="Utf8JsonWriter"/> that remembers which property names each open object already
/// has, so extension fields (kept raw by a reader) never duplicate a property the canonical model wrote — e.g. an
/// explicit <c>"temperature": null</c> kept as an extension after a transform set a temperature. Shared by every
/// codec; <c>protocol</c> says whose extensions it writes back (another protocol's are never written).
/// </summary>
internal sealed class JsonFieldWriter(WireProtocol protocol, Utf8JsonWriter writer)
{
    private readonly Stack<List<string>> _scopes = new();

    public Utf8JsonWriter Json { get; } = writer;

    public void StartObject(string? name = null)
    {
        if (name is null)
        {
            Json.WriteStartObject();
        }
        else
        {
            Name(name);
            Json.WriteStartObject();
        }
        _scopes.Push([]);
    }

    /// <summary>Tracks names for an object the caller already opened on <see cref="Json"/>.</summary>
    public void AdoptOpenObject() => _scopes.Push([]);

    public void EndObject()
    {
        Json.WriteEndObject();
        _scopes.Pop();
    }

    public void StartArray(string name)
    {
        Name(name);
        Json.WriteStartArray();
    }

    public void EndArray() => Json.WriteEndArray();

    public void Name(string name)
    {
        Json.WritePropertyName(name);
        _scopes.Peek().Add(name);
    }

    public bool Has(string name) => _scopes.Peek().Contains(name);

    public void String(string name, string? value)
    {
        Name(name);
        Json.WriteStringValue(value);
    }

    public void Number(string name, long value)
    {
        Name(name);
        Json.WriteNumberValue(value);
    }

    public void Number(string name, double value)
    {
        Name(name);
        Json.WriteNumberValue(value);
    }

    public void Bool(string name, bool value)
    {
        Name(name);
        Json.WriteBooleanValue(value);
    }

    public void Null(string name)
    {
        Name(name);
        Json.WriteNullValue();
    }

    public void Raw(string name, string rawJson)
    {
        Name(name);
        Json.WriteRawValue(rawJson);
    }

    /// <summary>
    /// Writes the extension fields that belong to this object: keys without a dot at the top level, or, with a
    /// <paramref name="prefix"/> such as "function.", the keys under that prefix with it stripped.
    /// </summary>
    public void Extensions(JsonExtensions? extensions, string? prefix = null, string? skip = null)
    {
        if (extensions is null || !extensions.AppliesTo(protocol))
        {
            return;
        }
        foreach (var (key, raw) in extensions.Fields)
        {
            string? name = FieldName(key, prefix);
            if (name is not null && name != skip && !Has(name))
            {
                Raw(name, raw);
            }
        }
    }

    private static string? FieldName(string key, string? prefix)
    {
        if (prefix is null)
        {
            return key.Contains('.', StringComparison.Ordinal) ? null : key;
        }
        return key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null;
    }
}

using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Gemini parses requests with proto3 JSON rules, which accept every field as lowerCamelCase or as its snake_case
/// proto name (the Python SDK sends e.g. "parameters_json_schema", "include_thoughts"). The reader matches fields by
/// their camelCase name and remembers which snake_case spellings the client used; the writer spells those fields the
/// same way, so a same-protocol round trip is exact. Kept in the request's extensions under <see cref="MarkerKey"/>.
/// </summary>
internal sealed class GeminiNames
{
    public const string MarkerKey = "@snake_case";

    private readonly HashSet<string> _snake = new(StringComparer.Ordinal);

    public static GeminiNames From(JsonExtensions? extensions)
    {
        var names = new GeminiNames();
        if (GeminiJson.Get(extensions, MarkerKey) is { } raw)
        {
            using var document = JsonDocument.Parse(raw);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                names._snake.Add(item.GetString()!);
            }
        }
        return names;
    }

    /// <summary>The camelCase form of a structural field name, noting a snake_case spelling.</summary>
    public string Canon(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }
        string camel = ToCamel(name);
        if (camel != name)
        {
            _snake.Add(name);
        }
        return camel;
    }

    /// <summary>The spelling to write for a camelCase field name.</summary>
    public string Spell(string camel)
    {
        if (_snake.Count == 0)
        {
            return camel;
        }
        string snake = ToSnake(camel);
        return _snake.Contains(snake) ? snake : camel;
    }

    public void SaveTo(ref JsonExtensions? extensions)
    {
        if (_snake.Count == 0)
        {
            return;
        }
        GeminiJson.KeepRaw(ref extensions, MarkerKey, JsonSerializerArray(_snake.Order(StringComparer.Ordinal)));
    }

    private static string JsonSerializerArray(IEnumerable<string> items)
    {
        var builder = new StringBuilder("[");
        foreach (string item in items)
        {
            builder.Append(builder.Length > 1 ? ",\"" : "\"").Append(item).Append('"'); // proto field names: [a-z0-9_] only
        }
        return builder.Append(']').ToString();
    }

    public static string ToCamel(string snake)
    {
        var builder = new StringBuilder(snake.Length);
        bool upper = false;
        foreach (char c in snake)
        {
            if (c == '_')
            {
                upper = builder.Length > 0;
                continue;
            }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return builder.ToString();
    }

    public static string ToSnake(string camel)
    {
        var builder = new StringBuilder(camel.Length + 4);
        foreach (char c in camel)
        {
            if (char.IsUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}

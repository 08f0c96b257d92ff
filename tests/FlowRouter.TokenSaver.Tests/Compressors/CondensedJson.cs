using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FlowRouter.TokenSaver.Tests.Compressors;

/// <summary>
/// Reads the JSON compressor's condensed form back into JSON, by the rules its legend states, so tests can check that
/// condensing loses nothing: <c>{"k1","k2"}=[[v1,v2],…]</c> inside an array is that many objects,
/// <c>{"k1","k2"}={"n":[v1,v2],…}</c> an object of objects, <c>#N[v1,v2]</c> an object of the legend's shape N, and
/// <c>&amp;N</c> marks a value that <c>*N</c> repeats. Throws <see cref="FormatException"/> on anything else. Values
/// come back as minified JSON text with every token as written (escapes, number forms, duplicate keys), to compare
/// with <see cref="Minify"/> of the input.
/// </summary>
internal sealed class CondensedJson
{
    private const string LegendStart = "[json minified";

    private readonly string _text;
    private readonly Dictionary<int, string[]> _shapes;
    private readonly Dictionary<int, string> _marks = [];
    private int _at;

    private CondensedJson(string text, Dictionary<int, string[]> shapes)
    {
        _text = text;
        _shapes = shapes;
    }

    /// <summary>The JSON values of a condensed output (one per line for JSON lines), legend line read first.</summary>
    public static List<string> Expand(string output)
    {
        var shapes = new Dictionary<int, string[]>();
        string body = output;
        if (output.StartsWith(LegendStart, StringComparison.Ordinal))
        {
            int newline = output.IndexOf('\n', StringComparison.Ordinal);
            string legend = output[..newline];
            body = output[(newline + 1)..];
            ReadShapes(legend, shapes);
        }
        var reader = new CondensedJson(body, shapes);
        var values = new List<string>();
        reader.SkipWhitespace();
        while (reader._at < body.Length)
        {
            values.Add(reader.Value());
            reader.SkipWhitespace();
        }
        return values;
    }

    /// <summary>The legend's shape definitions, <c>#1={"op","path","value"}</c>.</summary>
    private static void ReadShapes(string legend, Dictionary<int, string[]> shapes)
    {
        int at = legend.IndexOf(": #", StringComparison.Ordinal);
        while (at >= 0 && at < legend.Length)
        {
            int hash = legend.IndexOf(" #", at, StringComparison.Ordinal);
            int equals = hash < 0 ? -1 : legend.IndexOf("={", hash, StringComparison.Ordinal);
            if (equals < 0)
            {
                return;
            }
            int number = int.Parse(legend.AsSpan(hash + 2, equals - hash - 2), CultureInfo.InvariantCulture);
            var reader = new CondensedJson(legend, []) { _at = equals + 1 };
            shapes[number] = reader.Keys() ?? throw new FormatException("shape #" + number + " has no keys");
            at = reader._at;
        }
    }

    private string Value()
    {
        char c = Peek();
        if (c == '&')
        {
            _at++;
            int mark = Number();
            string marked = Value();
            _marks[mark] = marked;
            return marked;
        }
        if (c == '*')
        {
            _at++;
            return Repeat(Number());
        }
        if (c == '#')
        {
            _at++;
            return Row(Shape(Number()));
        }
        if (c == '[')
        {
            return Array();
        }
        if (c == '{')
        {
            if (Keys() is string[] keys)
            {
                Expect('=');
                return Object(() => RowOrRepeat(keys));
            }
            return Object(Value);
        }
        return Scalar();
    }

    private string Array()
    {
        Expect('[');
        var array = new List<string>();
        while (!TryTake(']'))
        {
            TryTake(',');
            int start = _at;
            if (Peek() == '{' && Keys() is string[] keys && TryTake('=') && TryTake('['))
            {
                // A run of same-shape objects: each row is one element of this array.
                while (!TryTake(']'))
                {
                    TryTake(',');
                    array.Add(RowOrRepeat(keys));
                }
                continue;
            }
            _at = start;
            array.Add(Value());
        }
        return "[" + string.Join(',', array) + "]";
    }

    /// <summary><c>{"key":value,…}</c>, each value read by <paramref name="value"/> (a row in a map of same-shape objects).</summary>
    private string Object(Func<string> value)
    {
        Expect('{');
        var members = new List<string>();
        while (!TryTake('}'))
        {
            TryTake(',');
            string key = StringToken();
            Expect(':');
            members.Add(key + ":" + value());
        }
        return "{" + string.Join(',', members) + "}";
    }

    /// <summary>A table row (<c>[v1,v2]</c>, maybe marked <c>&amp;N</c>) or a repeat (<c>*N</c>) of an earlier object.</summary>
    private string RowOrRepeat(string[] keys)
    {
        if (TryTake('*'))
        {
            return Repeat(Number());
        }
        if (TryTake('&'))
        {
            int mark = Number();
            string row = Row(keys);
            _marks[mark] = row;
            return row;
        }
        return Row(keys);
    }

    /// <summary><c>[v1,v2]</c> as the object <c>{"k1":v1,"k2":v2}</c>.</summary>
    private string Row(string[] keys)
    {
        Expect('[');
        var members = new List<string>();
        for (int k = 0; k < keys.Length; k++)
        {
            if (k > 0)
            {
                Expect(',');
            }
            members.Add(keys[k] + ":" + Value());
        }
        Expect(']');
        return "{" + string.Join(',', members) + "}";
    }

    /// <summary>At a <c>{</c>: the keys of a shape list <c>{"k1","k2"}</c>, or null (position kept) for an object.</summary>
    private string[]? Keys()
    {
        int start = _at;
        Expect('{');
        var keys = new List<string>();
        while (Peek() == '"')
        {
            keys.Add(StringToken());
            if (TryTake('}'))
            {
                return keys.ToArray();
            }
            if (!TryTake(','))
            {
                break;
            }
        }
        _at = start;
        return null;
    }

    private string Repeat(int mark) =>
        _marks.TryGetValue(mark, out string? value) ? value : throw new FormatException($"*{mark} before &{mark}");

    private string[] Shape(int number) =>
        _shapes.TryGetValue(number, out string[]? keys) ? keys : throw new FormatException($"#{number} is not in the legend");

    private string Scalar()
    {
        if (Peek() == '"')
        {
            return StringToken();
        }
        int start = _at;
        while (_at < _text.Length && _text[_at] is not (',' or ']' or '}' or '\n'))
        {
            _at++;
        }
        return _at == start ? throw new FormatException("value expected at " + start) : _text[start.._at];
    }

    /// <summary>A JSON string token with its quotes and escapes as written.</summary>
    private string StringToken()
    {
        int start = _at;
        Expect('"');
        while (_at < _text.Length && _text[_at] != '"')
        {
            _at += _text[_at] == '\\' ? 2 : 1;
        }
        Expect('"');
        return _text[start.._at];
    }

    private int Number()
    {
        int start = _at;
        while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
        {
            _at++;
        }
        return int.Parse(_text.AsSpan(start, _at - start), CultureInfo.InvariantCulture);
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private bool TryTake(char c)
    {
        if (Peek() != c)
        {
            return false;
        }
        _at++;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw new FormatException($"'{c}' expected at {_at}: …{_text[Math.Max(0, _at - 20)..Math.Min(_text.Length, _at + 20)]}…");
        }
    }

    private void SkipWhitespace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    /// <summary>The JSON values of <paramref name="json"/> minified, every token as written.</summary>
    public static List<string> Minify(string json)
    {
        var values = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 1000 });
        var sb = new StringBuilder();
        bool afterValue = false;
        while (reader.Read())
        {
            JsonTokenType token = reader.TokenType;
            bool closes = token is JsonTokenType.EndObject or JsonTokenType.EndArray;
            if (afterValue && !closes)
            {
                sb.Append(',');
            }
            string raw = Encoding.UTF8.GetString(reader.ValueSpan);
            sb.Append(token switch
            {
                JsonTokenType.StartObject => "{",
                JsonTokenType.EndObject => "}",
                JsonTokenType.StartArray => "[",
                JsonTokenType.EndArray => "]",
                JsonTokenType.PropertyName => "\"" + raw + "\":",
                JsonTokenType.String => "\"" + raw + "\"",
                _ => raw,
            });
            afterValue = token is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName);
            if (reader.CurrentDepth == 0 && token is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                values.Add(sb.ToString());
                sb.Clear();
                afterValue = false;
            }
        }
        return values;
    }
}

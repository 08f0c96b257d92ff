using System.Text;
using System.Text.Json;

namespace FlowRouter.TestKit.Fuzz;

/// <summary>
/// One value of a JSON document as byte ranges of the raw text: the member's name token (when it is an object
/// member) and the value, containers included whole. Mutations replace or move these ranges, so a body keeps its
/// original bytes everywhere else.
/// </summary>
public readonly record struct JsonMember(string? Name, int NameStart, int ValueStart, int ValueEnd, JsonTokenType Kind)
{
    /// <summary>Every value of <paramref name="json"/> (which must be well-formed), outermost first.</summary>
    public static List<JsonMember> All(ReadOnlySpan<byte> json)
    {
        var members = new List<JsonMember>();
        var open = new Stack<(int Index, int Start)>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1000 });
        string? name = null;
        int nameStart = -1;
        while (reader.Read())
        {
            int start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    name = Encoding.UTF8.GetString(reader.ValueSpan);
                    nameStart = start;
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    open.Push((members.Count, start));
                    members.Add(new JsonMember(name, nameStart, start, -1, reader.TokenType));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var (index, _) = open.Pop();
                    members[index] = members[index] with { ValueEnd = (int)reader.BytesConsumed };
                    break;
                default:
                    members.Add(new JsonMember(name, nameStart, start, (int)reader.BytesConsumed, reader.TokenType));
                    break;
            }
            name = null;
            nameStart = -1;
        }
        return members;
    }

    /// <summary>From the name (or the value, for an array element) to the end of the value.</summary>
    public Range Whole => new(NameStart >= 0 ? NameStart : ValueStart, ValueEnd);

    public Range Value => new(ValueStart, ValueEnd);
}

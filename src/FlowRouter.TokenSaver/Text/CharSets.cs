using System.Buffers;

namespace FlowRouter.TokenSaver.Text;

/// <summary>Character sets searched on every line, built once.</summary>
internal static class CharSets
{
    public static readonly SearchValues<char> PytestMarks = SearchValues.Create(".FEsxXp");
    public static readonly SearchValues<char> UpperWord = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
    public static readonly SearchValues<char> SizeDigits = SearchValues.Create("0123456789.,");
    public static readonly SearchValues<char> Identifier = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
    public static readonly SearchValues<char> KeyChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-@/ ");
}

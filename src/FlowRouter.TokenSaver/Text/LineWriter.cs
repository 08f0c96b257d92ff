using System.Text;

namespace FlowRouter.TokenSaver.Text;

/// <summary>Collects output lines joined by <c>\n</c> (never the platform newline, so output is the same everywhere).</summary>
internal sealed class LineWriter
{
    private readonly StringBuilder _sb;
    private bool _any;

    public LineWriter(int capacity) => _sb = new StringBuilder(capacity);

    public int Count { get; private set; }

    public void Line(string line)
    {
        if (_any)
        {
            _sb.Append('\n');
        }
        _sb.Append(line);
        _any = true;
        Count++;
    }

    public void Line(ReadOnlySpan<char> line)
    {
        if (_any)
        {
            _sb.Append('\n');
        }
        _sb.Append(line);
        _any = true;
        Count++;
    }

    /// <summary>One line made of two parts and a separator, without building it first.</summary>
    public void Line(ReadOnlySpan<char> first, char separator, ReadOnlySpan<char> second)
    {
        if (_any)
        {
            _sb.Append('\n');
        }
        _sb.Append(first).Append(separator).Append(second);
        _any = true;
        Count++;
    }

    /// <summary>The lines; with a final newline when <paramref name="trailingNewline"/> (as the input had).</summary>
    public string ToString(bool trailingNewline)
    {
        if (trailingNewline && _any)
        {
            _sb.Append('\n');
        }
        return _sb.ToString();
    }

    public override string ToString() => _sb.ToString();
}

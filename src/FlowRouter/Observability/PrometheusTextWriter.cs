using System.Globalization;
using System.Text;

namespace FlowRouter.Observability;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format): HELP and TYPE lines, then
/// samples; label values escape backslash, double quote and line feed, HELP text backslash and line feed.
/// </summary>
internal sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new(4096);

    public void Header(string name, string help, string type)
    {
        _text.Append("# HELP ").Append(name).Append(' ');
        AppendEscaped(help, label: false);
        _text.Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public void Sample(string name, IReadOnlyList<string> labelNames, MetricLabels labels, double value, (string Name, string Value)? extra = null)
    {
        _text.Append(name);
        if (labelNames.Count > 0 || extra is not null)
        {
            _text.Append('{');
            for (int i = 0; i < labelNames.Count; i++)
            {
                Label(labelNames[i], labels[i], first: i == 0);
            }
            if (extra is { } more)
            {
                Label(more.Name, more.Value, first: labelNames.Count == 0);
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(Number(value)).Append('\n');
    }

    /// <summary>A sample without labels.</summary>
    public void Sample(string name, double value) => _text.Append(name).Append(' ').Append(Number(value)).Append('\n');

    public override string ToString() => _text.ToString();

    /// <summary>A sample value or bucket bound: shortest round-trip form, and the format's spellings of the specials.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A label value as it goes between the quotes.</summary>
    public static string EscapeLabelValue(string value)
    {
        var writer = new PrometheusTextWriter();
        writer.AppendEscaped(value, label: true);
        return writer.ToString();
    }

    private void Label(string name, string value, bool first)
    {
        if (!first)
        {
            _text.Append(',');
        }
        _text.Append(name).Append("=\"");
        AppendEscaped(value, label: true);
        _text.Append('"');
    }

    private void AppendEscaped(string value, bool label)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                case '"' when label:
                    _text.Append("\\\"");
                    break;
                default:
                    _text.Append(c);
                    break;
            }
        }
    }
}

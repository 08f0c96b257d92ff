using System.Text;

namespace FlowRouter.Configuration;

/// <summary>
/// Expands ${VAR} and ${VAR:-default} in config values, so keys can stay out of the file. A variable that is not set
/// and has no default is an error: a provider silently configured with an empty key fails much later and less clearly.
/// </summary>
internal static class EnvironmentExpander
{
    public static string Expand(string value, Func<string, string?> environment, Func<string, ConfigException> error)
    {
        int start = value.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return value;
        }
        var result = new StringBuilder(value.Length);
        int position = 0;
        while (start >= 0)
        {
            int end = value.IndexOf('}', start + 2);
            if (end < 0)
            {
                throw error($"unclosed '${{' in '{value}'");
            }
            result.Append(value, position, start - position);
            result.Append(Resolve(value[(start + 2)..end], environment, error));
            position = end + 1;
            start = value.IndexOf("${", position, StringComparison.Ordinal);
        }
        return result.Append(value, position, value.Length - position).ToString();
    }

    private static string Resolve(string expression, Func<string, string?> environment, Func<string, ConfigException> error)
    {
        int defaultAt = expression.IndexOf(":-", StringComparison.Ordinal);
        string name = defaultAt >= 0 ? expression[..defaultAt] : expression;
        if (name.Length == 0)
        {
            throw error("empty variable name in '${}'");
        }
        string? value = environment(name);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }
        if (defaultAt >= 0)
        {
            return expression[(defaultAt + 2)..];
        }
        throw error($"environment variable {name} is not set (write ${{{name}:-}} to allow it to be empty)");
    }
}

using System.Text.RegularExpressions;

namespace FlowRouter.Providers.Http;

/// <summary>
/// Removes secrets from text that may reach a client or a log: the provider's own keys (exact match) and anything
/// shaped like a bearer token or an sk-style key, which upstream error messages sometimes echo.
/// </summary>
public static partial class SecretMasker
{
    public static string Mask(string text, IReadOnlyList<string> knownSecrets)
    {
        foreach (string secret in knownSecrets)
        {
            if (secret.Length >= 4 && text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, MaskValue(secret), StringComparison.Ordinal);
            }
        }
        return KeyShapes().Replace(text, match => MaskValue(match.Value));
    }

    /// <summary>Shows only the last four characters, the way dashboards identify a key.</summary>
    public static string MaskValue(string secret) => secret.Length <= 8 ? "****" : "****" + secret[^4..];

    // sk-…, sk-ant-…, flr_…, AIza… (Google), and "Bearer <token>" with a long opaque token.
    [GeneratedRegex(@"\b(?:sk-[A-Za-z0-9_\-]{12,}|flr_[A-Za-z0-9_\-]{12,}|AIza[0-9A-Za-z_\-]{20,}|(?<=Bearer\s)[A-Za-z0-9._\-]{16,})")]
    private static partial Regex KeyShapes();
}

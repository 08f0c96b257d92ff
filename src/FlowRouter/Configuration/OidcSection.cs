using System.Net;
using FlowRouter.Core.Config;

namespace FlowRouter.Configuration;

/// <summary>server.oidc: the OpenID Connect provider and who may sign in through it.</summary>
internal static class OidcSection
{
    public static OidcConfig Read(ConfigNode section)
    {
        var fields = section.Mapping("authority", "client_id", "client_secret", "allowed_emails", "allowed_subjects", "scopes");
        if (!fields.TryGetValue("authority", out var authorityNode))
        {
            throw section.Error("authority is required (the provider's issuer URL, e.g. https://accounts.google.com)");
        }
        if (!fields.TryGetValue("client_id", out var clientId))
        {
            throw section.Error("client_id is required");
        }
        string authority = authorityNode.String();
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
        {
            throw authorityNode.Error("expected an https:// URL (http:// only for a provider on this machine)");
        }
        var config = new OidcConfig(authority, clientId.String())
        {
            ClientSecret = fields.TryGetValue("client_secret", out var secret) ? secret.String() : null,
            AllowedEmails = fields.TryGetValue("allowed_emails", out var emails) ? emails.StringList() : [],
            AllowedSubjects = fields.TryGetValue("allowed_subjects", out var subjects) ? subjects.StringList() : [],
            Scopes = fields.TryGetValue("scopes", out var scopes) ? scopes.StringList() : [],
        };
        if (config.AllowedEmails.Count == 0 && config.AllowedSubjects.Count == 0)
        {
            throw section.Error("allowed_emails or allowed_subjects must list who may sign in (anyone the provider knows would otherwise get in)");
        }
        return config;
    }

    /// <summary>True for a URL on this machine: the one case where plain http is acceptable (a local provider, tests).</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
}

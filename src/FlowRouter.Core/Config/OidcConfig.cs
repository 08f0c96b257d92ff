namespace FlowRouter.Core.Config;

/// <summary>
/// server.oidc: sign in to the admin surface through an OpenID Connect provider (authorization code flow with PKCE).
/// Only the listed emails or subjects get a session; everyone else the provider vouches for is refused.
/// </summary>
public sealed record OidcConfig(string Authority, string ClientId)
{
    /// <summary>Null for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Compared case-insensitively with the id token's email claim (refused when email_verified is false).</summary>
    public IReadOnlyList<string> AllowedEmails { get; init; } = [];

    /// <summary>Compared exactly with the id token's sub claim.</summary>
    public IReadOnlyList<string> AllowedSubjects { get; init; } = [];

    /// <summary>Asked for besides openid, email and profile.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}

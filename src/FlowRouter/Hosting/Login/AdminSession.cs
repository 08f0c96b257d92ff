namespace FlowRouter.Hosting.Login;

/// <summary>
/// One signed-in admin (held in memory only, keyed by the SHA-256 of its cookie value). The CSRF token is this
/// session's own; cookie-authenticated mutations must echo it in X-CSRF-Token.
/// </summary>
internal sealed class AdminSession(LoginMethod method, string csrfToken, DateTimeOffset created, string? passwordStamp)
{
    private long _lastSeenTicks = created.UtcTicks;
    private volatile string? _passwordStamp = passwordStamp;

    public LoginMethod Method => method;
    public string CsrfToken => csrfToken;
    public DateTimeOffset Created => created;
    public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

    /// <summary>
    /// For a password login, the stored hash it was checked against: when the password changes (or is removed) the
    /// session no longer matches and ends. Null for sessions the password never vouched for (token, OIDC).
    /// </summary>
    public string? PasswordStamp
    {
        get => _passwordStamp;
        set => _passwordStamp = value;
    }

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);

    /// <summary>The key of the session this request carries, if any (set by the admin access check).</summary>
    public static AdminSession? Of(Microsoft.AspNetCore.Http.HttpContext http) =>
        http.Items.TryGetValue(typeof(AdminSession), out object? value) ? value as AdminSession : null;
}

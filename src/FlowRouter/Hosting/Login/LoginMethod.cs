namespace FlowRouter.Hosting.Login;

/// <summary>How an admin session was opened.</summary>
internal enum LoginMethod
{
    Password,
    Token,
    Oidc,
}

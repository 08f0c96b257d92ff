namespace FlowRouter.Hosting.Login;

/// <summary>Where the admin password hash comes from: the config file wins; otherwise the store's setting.</summary>
internal enum PasswordSource
{
    None,
    Config,
    Store,
}

namespace FlowRouter.Hosting;

/// <summary>What the command line said about serving; null where it said nothing.</summary>
internal sealed record ServeOptions(string? ConfigPath = null, string? Host = null, int? Port = null, string? DataDir = null, string? LogLevel = null);

using FlowRouter.Core.Config;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Hosting;

/// <summary>Everything the server starts with, after flags, environment, config file and defaults were merged.</summary>
internal sealed record ServerSettings(FlowRouterConfig Config, string DataDir, LogLevel LogLevel)
{
    public string Host => Config.Server.Host;
    public int Port => Config.Server.Port;
}

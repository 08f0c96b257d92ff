using FlowRouter.Core.Config;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Hosting;

/// <summary>Seams for tests and the benchmark: time, upstream handlers, extra log sinks. Production uses none.</summary>
internal sealed record ServerHooks
{
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public Func<ProviderConfig, HttpMessageHandler?>? UpstreamHandler { get; init; }
    public ILoggerProvider? ExtraLogger { get; init; }

    /// <summary>The random source of routing (weighted/random strategies, backoff jitter); null: shared random.</summary>
    public Func<double>? Random { get; init; }

    /// <summary>False in tests: no background model listing unless a test asks for it.</summary>
    public bool DiscoverModels { get; init; } = true;

    public bool ConsoleLogging { get; init; } = true;

    /// <summary>Where FLOWROUTER_MASTER_KEY is looked up; tests give their own so they never depend on the machine's.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}

using FlowRouter.Core.Config;

namespace FlowRouter.Providers.Http;

/// <summary>
/// How much of an upstream's answer FlowRouter holds at once: a whole non-streamed answer (server.max_answer_mb) and
/// one stream event (server.max_event_mb). Every buffer has a bound (DESIGN.md §6b).
/// </summary>
public sealed record UpstreamLimits(int MaxAnswerBytes, int MaxEventBytes)
{
    public static readonly UpstreamLimits Default = From(new ServerConfig());

    public static UpstreamLimits From(ServerConfig server)
    {
        ArgumentNullException.ThrowIfNull(server);
        // The settings stop at 1024 MB, which still fits an int (arrays are int-indexed).
        return new((int)Math.Min(server.MaxAnswerBytes, int.MaxValue), (int)Math.Min(server.MaxEventBytes, int.MaxValue));
    }

    /// <summary>"32 MB": a limit as the settings state it.</summary>
    public static string Megabytes(long bytes) => $"{bytes / (1024 * 1024)} MB";
}

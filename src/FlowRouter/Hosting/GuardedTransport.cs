using System.IO.Pipelines;

namespace FlowRouter.Hosting;

/// <summary>A connection's transport with <see cref="KestrelGuard"/>'s input watch and output rewrite in it.</summary>
internal sealed record GuardedTransport(PipeReader Input, PipeWriter Output) : IDuplexPipe;

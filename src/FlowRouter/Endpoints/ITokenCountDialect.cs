using System.Buffers;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Ingress;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Routing;

namespace FlowRouter.Endpoints;

/// <summary>What one API's token-counting endpoint looks like to <see cref="TokenCountEndpoint"/>.</summary>
internal interface ITokenCountDialect
{
    /// <summary>The client protocol, for its error shape.</summary>
    IngressProtocol Protocol { get; }

    /// <summary>Targets of this type count for themselves.</summary>
    ProviderType NativeType { get; }

    /// <summary>The upstream path, relative to the provider's base URL.</summary>
    string UpstreamPath { get; }

    /// <summary>The upstream path for one target (Gemini names the model in it).</summary>
    string PathFor(Target target) => UpstreamPath;

    /// <summary>The body a counting target gets: the client's with the model replaced (Gemini: as it is).</summary>
    void WriteUpstreamBody(ReadOnlySpan<byte> body, OpenAIChatRequestScan splice, Target target, IBufferWriter<byte> output) =>
        OpenAIChatRequestScanner.RewriteModel(body, splice, target.Model, output);

    /// <summary>The model and where its token is in the body, or why the body cannot be used.</summary>
    (string? Model, OpenAIChatRequestScan Splice, GatewayError? Error) Scan(ReadOnlySpan<byte> body);

    /// <summary>The request in canonical form for the estimate, or why it cannot be read.</summary>
    (ChatRequest? Request, GatewayError? Error) Read(ReadOnlyMemory<byte> body);

    /// <summary>The answer body for an estimated count.</summary>
    string EstimateJson(int tokens);
}

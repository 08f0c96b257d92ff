using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Ingress;
using FlowRouter.Protocols.OpenAIChat;

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

    /// <summary>The model and where its token is in the body, or why the body cannot be used.</summary>
    (string? Model, OpenAIChatRequestScan Splice, GatewayError? Error) Scan(ReadOnlySpan<byte> body);

    /// <summary>The request in canonical form for the estimate, or why it cannot be read.</summary>
    (ChatRequest? Request, GatewayError? Error) Read(ReadOnlyMemory<byte> body);

    /// <summary>The answer body for an estimated count.</summary>
    string EstimateJson(int tokens);
}

using FlowRouter.Core.Buffers;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Providers.Http;
using FlowRouter.Routing;
using FlowRouter.Translation;

namespace FlowRouter.Endpoints;

/// <summary>
/// The upstream request for each target of one OpenAI Chat request. An OpenAI-speaking target gets the client's
/// bytes with only "model" replaced; a target of another wire format gets the request translated through the
/// canonical model (read once, on first need) and is remembered so its answer is translated back. Bodies live in
/// pooled buffers released with the request.
/// </summary>
internal sealed class OpenAIChatUpstreamPlans(ReadOnlyMemory<byte> clientBody, OpenAIChatRequestScan scan) : IDisposable
{
    private readonly List<PooledBufferWriter> _buffers = [];
    private readonly Dictionary<Target, EgressCodec> _translated = [];
    private ChatRequest? _canonical;

    /// <summary>True when the client streams without asking for usage: FlowRouter asks for it and hides it again.</summary>
    public bool InjectsUsage => scan.Stream && !scan.HasStreamOptions;

    /// <summary>The codec to translate a target's answer with, or null when it was passed through.</summary>
    public EgressCodec? TranslationFor(Target target) => _translated.GetValueOrDefault(target);

    public bool TryBuild(Target target, out UpstreamRequest? request, out GatewayError? unusable)
    {
        request = null;
        unusable = null;
        if (target.Provider.Type == ProviderType.OpenAI)
        {
            request = Passthrough(target);
            return true;
        }
        if (EgressCodecs.For(target.Provider.Type) is not { } codec)
        {
            unusable = NotSupported(target);
            return false;
        }
        try
        {
            _canonical ??= OpenAIChatRequestReader.Read(clientBody);
        }
        catch (OpenAIChatFormatException ex)
        {
            unusable = GatewayError.InvalidRequest(ex.Message, ex.Param);
            return false;
        }
        var buffer = NewBuffer(clientBody.Length + 256);
        codec.WriteRequest(_canonical, target.Model, buffer);
        _translated[target] = codec;
        request = new UpstreamRequest(codec.RelativePath, buffer.WrittenMemory, scan.Stream) { IsStreamErrorEvent = codec.IsStreamErrorEvent };
        return true;
    }

    private UpstreamRequest Passthrough(Target target)
    {
        var buffer = NewBuffer(clientBody.Length + target.Model.Length + 64);
        OpenAIChatRequestScanner.RewriteModel(clientBody.Span, scan, target.Model, buffer);
        if (InjectsUsage)
        {
            var rewritten = buffer;
            buffer = NewBuffer(rewritten.WrittenCount + 64);
            StreamUsageRequest.Write(rewritten.WrittenSpan, buffer);
        }
        return new UpstreamRequest("chat/completions", buffer.WrittenMemory, scan.Stream) { IsStreamErrorEvent = StreamErrors.IsOpenAIErrorEvent };
    }

    private static GatewayError NotSupported(Target target) =>
        new(ErrorKind.NotSupported, 501,
            $"Provider '{target.Provider.Id}' speaks {target.Provider.Type.ToConfigName()}, which this FlowRouter version cannot call yet.")
        {
            Code = "provider_type_not_supported",
        };

    private PooledBufferWriter NewBuffer(int capacity)
    {
        var buffer = new PooledBufferWriter(capacity);
        _buffers.Add(buffer);
        return buffer;
    }

    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }
    }
}

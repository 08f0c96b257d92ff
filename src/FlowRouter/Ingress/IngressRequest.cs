using FlowRouter.Core.Buffers;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Endpoints;
using FlowRouter.Providers.Http;
using FlowRouter.Providers.Images;
using FlowRouter.Routing;
using FlowRouter.Translation;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// One parsed client request: the model it asks for, the upstream request for each target, and how to relay the
/// answer that came back. A target that speaks the client's format gets a passthrough body (the protocol's own
/// splice); any other gets the request translated through the canonical model (read once, on first need), and is
/// remembered so its answer is translated back. Bodies live in pooled buffers released with the request.
/// </summary>
internal abstract class IngressRequest : IDisposable
{
    private readonly List<PooledBufferWriter> _buffers = [];
    private readonly Dictionary<Target, EgressTranslation> _translated = [];
    private ChatRequest? _canonical;
    private GatewayError? _imageError;

    public abstract string Model { get; }
    public abstract bool Stream { get; }

    /// <summary>The provider type whose targets get the client's bytes as they are.</summary>
    protected abstract ProviderType NativeType { get; }

    /// <summary>The upstream request for a same-format target: the client's bytes with the model replaced.</summary>
    protected abstract UpstreamRequest Passthrough(Target target);

    /// <summary>The client's request in canonical form, or why it cannot be read (a 400 for the client).</summary>
    protected abstract (ChatRequest? Request, GatewayError? Error) ReadCanonical();

    /// <summary>
    /// Work before routing that may have to wait (loading a stored conversation); the error to answer instead, or
    /// null. Most protocols have none.
    /// </summary>
    public virtual ValueTask<GatewayError?> PrepareAsync(CancellationToken cancellationToken) => ValueTask.FromResult<GatewayError?>(null);

    /// <summary>
    /// Before the attempts: when a target will get this request translated to Gemini, which takes images only inline,
    /// FlowRouter fetches the http(s) image URLs itself (<see cref="RemoteImages"/>; private addresses only if every
    /// such target allows them). A failed fetch makes those targets unusable with a 400; targets of other formats
    /// still get the URL's image.
    /// </summary>
    public async ValueTask FetchImagesAsync(IReadOnlyList<Target> targets, ImageFetcher fetcher, CancellationToken cancellationToken)
    {
        var gemini = targets.Where(t => t.Provider.Type == ProviderType.Gemini).ToList();
        if (NativeType == ProviderType.Gemini || gemini.Count == 0 || Canonical(out _) is not { } canonical)
        {
            return;
        }
        bool allowPrivate = gemini.TrueForAll(t => t.Provider.Config.AllowPrivateImageUrls);
        var ownFiles = gemini.ConvertAll(t => t.Provider.BaseUri + "v1beta/files/");
        _imageError = await RemoteImages.InlineAsync(canonical, fetcher, allowPrivate, ownFiles, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Relays the answer of the target that won, in the client's format.</summary>
    public abstract Task RelayAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, Target target);

    /// <summary>Matches <see cref="AttemptLoop.RequestBuilder"/>: the request for a target, or why it cannot be used.</summary>
    public bool TryBuild(Target target, out UpstreamRequest? request, out GatewayError? unusable)
    {
        request = null;
        unusable = null;
        if (target.Provider.Type == NativeType)
        {
            request = Passthrough(target);
            return true;
        }
        if (EgressCodecs.For(target.Provider.Type) is not { } codec)
        {
            unusable = EgressCodecs.NotSupported(target);
            return false;
        }
        if (Canonical(out unusable) is not { } canonical)
        {
            return false;
        }
        if (CannotTranslate(canonical, target) is { } reason)
        {
            unusable = reason;
            return false;
        }
        if (_imageError is not null && target.Provider.Type == ProviderType.Gemini)
        {
            unusable = _imageError;
            return false;
        }
        var buffer = NewBuffer(4096);
        codec.WriteRequest(canonical, target, buffer);
        var translation = new EgressTranslation(codec, canonical, target);
        _translated[target] = translation;
        request = new UpstreamRequest(codec.PathFor(target, Stream), buffer.WrittenMemory, Stream)
        {
            IsStreamErrorEvent = codec.IsStreamErrorEvent,
            // The codec reads a JSON answer inside the attempt: one it cannot read fails over, and is parsed once.
            ReadAnswer = translation.ReadResponse,
        };
        return true;
    }

    /// <summary>
    /// Why the request cannot go to a target of another format at all (e.g. a hosted tool only the client's own
    /// format has), or null. The attempt loop then tries the next target; with none left, the client gets this.
    /// </summary>
    protected virtual GatewayError? CannotTranslate(ChatRequest canonical, Target target) => null;

    /// <summary>The client's request in canonical form, read on first need and shared by every target.</summary>
    protected ChatRequest? Canonical(out GatewayError? error)
    {
        error = null;
        if (_canonical is null)
        {
            (_canonical, error) = ReadCanonical();
        }
        return _canonical;
    }

    /// <summary>The codec a target's answer must be translated with, or null when it was passed through.</summary>
    protected EgressTranslation? TranslationFor(Target target) => _translated.GetValueOrDefault(target);

    protected PooledBufferWriter NewBuffer(int capacity)
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

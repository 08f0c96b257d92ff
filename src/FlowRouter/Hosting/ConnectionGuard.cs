namespace FlowRouter.Hosting;

/// <summary>
/// What <see cref="KestrelGuard"/> knows about one connection, shared by its input watch, its output rewrite and the
/// request pipeline (a connection feature, so every HttpContext on the connection sees it).
/// </summary>
internal sealed class ConnectionGuard
{
    private int _lenientContentLength;

    /// <summary>The path of the request being served, or of the first request line read: whose error shape to use.</summary>
    public string? LastPath { get; set; }

    /// <summary>Set when a Content-Length value began with a sign, which Kestrel accepts ("+70" is 70).</summary>
    public void FlagLenientContentLength() => Volatile.Write(ref _lenientContentLength, 1);

    /// <summary>True once after <see cref="FlagLenientContentLength"/>; the request that sees it is refused.</summary>
    public bool TakeLenientContentLength() => Interlocked.Exchange(ref _lenientContentLength, 0) == 1;
}

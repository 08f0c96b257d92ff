using System.Threading.Channels;
using FlowRouter.Storage;

namespace FlowRouter.Observability;

/// <summary>
/// Finished requests as they happen, for the dashboard's live view (GET /api/live). Each watcher has its own small
/// bounded queue; a slow watcher loses its oldest rows instead of slowing a request, and with nobody watching a
/// publish is one volatile read.
/// </summary>
internal sealed class RequestFeed
{
    /// <summary>Rows a watcher may fall behind by before its oldest are dropped.</summary>
    public const int WatcherBacklog = 256;

    private readonly Lock _lock = new();
    private volatile Channel<RequestLogRow>[] _watchers = [];

    public int WatcherCount => _watchers.Length;

    public void Publish(RequestLogRow row)
    {
        foreach (var watcher in _watchers)
        {
            watcher.Writer.TryWrite(row);
        }
    }

    /// <summary>Starts watching; dispose the subscription to stop.</summary>
    public Subscription Watch()
    {
        var channel = Channel.CreateBounded<RequestLogRow>(new BoundedChannelOptions(WatcherBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            _watchers = [.. _watchers, channel];
        }
        return new Subscription(this, channel);
    }

    private void Stop(Channel<RequestLogRow> channel)
    {
        lock (_lock)
        {
            _watchers = _watchers.Where(w => w != channel).ToArray();
        }
        channel.Writer.TryComplete();
    }

    public sealed class Subscription(RequestFeed feed, Channel<RequestLogRow> channel) : IDisposable
    {
        public ChannelReader<RequestLogRow> Rows => channel.Reader;

        public void Dispose() => feed.Stop(channel);
    }
}

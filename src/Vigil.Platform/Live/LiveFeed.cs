using System.Threading.Channels;

namespace Vigil.Platform.Live;

/// <summary>
/// Readings as they are stored, for the console's live views: every observation handed to a
/// patient's actor is offered to every subscriber. A slow subscriber loses its oldest updates,
/// never slows ingest.
/// </summary>
public sealed class LiveFeed
{
    private const int Capacity = 1024;
    private readonly Lock _lock = new();
    private readonly List<Channel<PatientUpdate>> _subscribers = [];

    /// <summary>How many subscribers are listening.</summary>
    public int Subscribers
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Subscribes; dispose the subscription to stop.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<PatientUpdate>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    /// <summary>Offers an update to every subscriber.</summary>
    public void Publish(PatientUpdate update)
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(update);
            }
        }
    }

    private void Remove(Channel<PatientUpdate> channel)
    {
        lock (_lock)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    /// <summary>One subscriber's updates.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly LiveFeed _feed;
        private readonly Channel<PatientUpdate> _channel;

        internal Subscription(LiveFeed feed, Channel<PatientUpdate> channel)
        {
            _feed = feed;
            _channel = channel;
        }

        /// <summary>The updates, in order.</summary>
        public ChannelReader<PatientUpdate> Updates => _channel.Reader;

        /// <inheritdoc />
        public void Dispose() => _feed.Remove(_channel);
    }
}

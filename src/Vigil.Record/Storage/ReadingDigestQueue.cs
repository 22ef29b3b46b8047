using System.Threading.Channels;

namespace Vigil.Record.Storage;

/// <summary>The batches' side of <see cref="ReadingDigester"/>'s channel: the digests one batch at a time, out of the chunks it hands over.</summary>
internal sealed class ReadingDigestQueue(ChannelReader<List<BatchReadings>> input)
{
    private List<BatchReadings> _chunk = [];
    private int _next;

    /// <summary>The next batch's readings; null once the digester is done (its failure is thrown here, if it failed).</summary>
    public ValueTask<BatchReadings?> NextAsync(CancellationToken cancellationToken) =>
        _next < _chunk.Count ? new(_chunk[_next++]) : NextChunkAsync(cancellationToken);

    private async ValueTask<BatchReadings?> NextChunkAsync(CancellationToken cancellationToken)
    {
        // Waiting for a completed channel rethrows the digester's failure, if it failed.
        while (input.TryRead(out var chunk) || (await input.WaitToReadAsync(cancellationToken) && input.TryRead(out chunk)))
        {
            if (chunk.Count > 0)
            {
                (_chunk, _next) = (chunk, 1);
                return chunk[0];
            }
        }

        return null;
    }
}

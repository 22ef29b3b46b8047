using System.Globalization;
using System.Text;
using Vigil.Record.Witness;

namespace Vigil.Server.Witnessing;

/// <summary>
/// Writes each checkpoint to the publish directory, atomically and durably: <c>checkpoint</c>
/// (the latest, replaced only by a larger or equal size) and <c>checkpoints/SIZE</c>.
/// </summary>
internal sealed class CheckpointPublisher(string? directory)
{
    private readonly Lock _lock = new();
    private long _latest = -1;

    /// <summary>Whether a directory is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(directory);

    /// <summary>Publishes a checkpoint note of a size.</summary>
    public void Publish(long size, string note)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(note);
        lock (_lock)
        {
            DurableFile.Write(Path.Combine(directory, "checkpoints", size.ToString(CultureInfo.InvariantCulture)), bytes);
            if (size >= _latest)
            {
                DurableFile.Write(Path.Combine(directory, "checkpoint"), bytes);
                _latest = size;
            }
        }
    }
}

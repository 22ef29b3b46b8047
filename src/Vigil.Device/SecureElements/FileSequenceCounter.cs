using System.Globalization;

namespace Vigil.Device.SecureElements;

/// <summary>
/// A counter that survives restarts, as a secure element's monotonic counter would. It reserves
/// values in blocks: before handing out any value of a block it durably records the block's end,
/// so a crash can skip values (the replay window tolerates gaps) but never repeat one.
/// </summary>
public sealed class FileSequenceCounter : ISequenceCounter
{
    private const ulong BlockSize = 256;

    private readonly string _path;
    private readonly Lock _gate = new();
    private ulong _next;
    private ulong _reservedUntil;

    /// <summary>Opens the counter file, creating it at 1.</summary>
    public FileSequenceCounter(string path)
    {
        _path = path;
        _next = File.Exists(path) ? ulong.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture) : 1;
        _reservedUntil = _next;
    }

    /// <inheritdoc />
    public ulong Next()
    {
        lock (_gate)
        {
            if (_next >= _reservedUntil)
            {
                _reservedUntil = _next + BlockSize;
                Persist(_reservedUntil);
            }

            return _next++;
        }
    }

    private void Persist(ulong value)
    {
        var temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(value.ToString(CultureInfo.InvariantCulture));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}

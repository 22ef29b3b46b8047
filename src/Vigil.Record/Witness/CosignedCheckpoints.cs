using System.Globalization;
using System.Text;

namespace Vigil.Record.Witness;

/// <summary>
/// The cosignatures Vigil has received, in the data folder's <c>witness/</c> directory:
/// <c>cosigned/SIZE</c> is the checkpoint of that size with every cosignature returned for it, and
/// <c>KEYID.size</c> the size a witness (named by its key ID in hex) last cosigned.
/// </summary>
public sealed class CosignedCheckpoints(string dataFolder)
{
    private readonly string _directory = Path.Combine(dataFolder, "witness");
    private readonly Lock _lock = new();

    /// <summary>The size a witness last cosigned, 0 if none.</summary>
    public long LastSize(CosignerKey witness)
    {
        ArgumentNullException.ThrowIfNull(witness);
        var path = Path.Combine(_directory, $"{witness.KeyId:x8}.size");
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0;
    }

    /// <summary>Records a cosignature of a checkpoint; returns the checkpoint with all its cosignatures.</summary>
    public string Add(CosignerKey witness, long size, string note, string signatureLine)
    {
        ArgumentNullException.ThrowIfNull(witness);
        lock (_lock)
        {
            var merged = Cosignature.AddTo(Find(size, note) ?? note, signatureLine);
            DurableFile.Write(Path.Combine(_directory, "cosigned", size.ToString(CultureInfo.InvariantCulture)), Encoding.UTF8.GetBytes(merged));
            DurableFile.Write(Path.Combine(_directory, $"{witness.KeyId:x8}.size"), Encoding.UTF8.GetBytes(size.ToString(CultureInfo.InvariantCulture) + "\n"));
            return merged;
        }
    }

    /// <summary>The cosigned form of a checkpoint note, or null (also when the one kept for its size has another body, as after a rollback).</summary>
    public string? Find(long size, string note)
    {
        var path = Path.Combine(_directory, "cosigned", size.ToString(CultureInfo.InvariantCulture));
        var kept = File.Exists(path) ? File.ReadAllText(path) : null;
        return kept is not null && Cosignature.BodyOf(kept) == Cosignature.BodyOf(note) ? kept : null;
    }

    /// <summary>Every cosigned checkpoint, by size.</summary>
    public IReadOnlyList<(long Size, string Note)> All()
    {
        var folder = Path.Combine(_directory, "cosigned");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder)
            .Select(f => (Ok: long.TryParse(Path.GetFileName(f), NumberStyles.None, CultureInfo.InvariantCulture, out var s), Size: s, File: f))
            .Where(x => x.Ok).OrderBy(x => x.Size).Select(x => (x.Size, File.ReadAllText(x.File)))];
    }
}

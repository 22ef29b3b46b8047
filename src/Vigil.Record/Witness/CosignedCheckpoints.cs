using System.Globalization;
using System.Text;

namespace Vigil.Record.Witness;

/// <summary>
/// The cosignatures Vigil has received, in the data folder's <c>witness/</c> directory:
/// <c>cosigned/SIZE</c> is the checkpoint of that size with every cosignature returned for it, and
/// <c>KEYID.size</c> the size a witness (named by its key ID in hex) last cosigned, and
/// <c>witnesses</c> the witnesses <c>vigil serve</c> was last configured with, one <c>URL VKEY</c>
/// line each, for <c>vigil audit verify</c> to ask. Only the latest <see cref="Kept"/> cosigned
/// checkpoints are kept: the largest is what a truncated record is held against.
/// </summary>
public sealed class CosignedCheckpoints(string dataFolder)
{
    private readonly string _directory = Path.Combine(dataFolder, "witness");
    private readonly Lock _lock = new();

    /// <summary>How many cosigned checkpoints are kept, the latest.</summary>
    public const int Kept = 64;

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
            foreach (var (old, _) in All().SkipLast(Kept))
            {
                File.Delete(Path.Combine(_directory, "cosigned", old.ToString(CultureInfo.InvariantCulture)));
            }

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

    /// <summary>Keeps the witnesses <c>vigil serve</c> asks, for the audit to ask in turn.</summary>
    public void Remember(IReadOnlyList<(Uri Url, CosignerKey Key)> witnesses)
    {
        ArgumentNullException.ThrowIfNull(witnesses);
        var text = string.Concat(witnesses.Select(w => $"{w.Url} {w.Key.Vkey}\n"));
        var path = Path.Combine(_directory, "witnesses");
        lock (_lock)
        {
            if (!File.Exists(path) || File.ReadAllText(path) != text)
            {
                DurableFile.Write(path, Encoding.UTF8.GetBytes(text));
            }
        }
    }

    /// <summary>The witnesses <c>vigil serve</c> was last configured with (lines that do not parse are skipped).</summary>
    public IReadOnlyList<(Uri Url, CosignerKey Key)> Known()
    {
        var path = Path.Combine(_directory, "witnesses");
        if (!File.Exists(path))
        {
            return [];
        }

        var known = new List<(Uri, CosignerKey)>();
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && Uri.TryCreate(parts[0], UriKind.Absolute, out var url) && CosignerKey.Parse(parts[1], out _) is { } key)
            {
                known.Add((url, key));
            }
        }

        return known;
    }
}

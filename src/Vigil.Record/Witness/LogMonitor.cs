using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Record.Ledger;

namespace Vigil.Record.Witness;

/// <summary>
/// A third party's watch over a Vigil ledger: each checkpoint must be signed by the log's key; it
/// is checked against the last one accepted (a smaller size is a shrink; the same size with another
/// root, or a consistency proof that fails, a fork: each an alarm, with or without cosignatures,
/// since the log's own signature convicts it); it is accepted only with a cosignature of every
/// required witness, and then kept in its state folder as <c>checkpoints/SIZE</c> and
/// <c>checkpoint</c> (the latest).
/// </summary>
public sealed class LogMonitor(string stateDirectory, ECDsa logKey, string origin, IReadOnlyList<CosignerKey> witnesses)
{
    /// <summary>The latest accepted checkpoint, or null.</summary>
    public Checkpoint? Latest()
    {
        var path = Path.Combine(stateDirectory, "checkpoint");
        return File.Exists(path) && SignedNote.Open(File.ReadAllText(path), origin, logKey) is { } text ? Checkpoint.Parse(text) : null;
    }

    /// <summary>Checks a fetched checkpoint note; <paramref name="consistency"/> fetches the proof between two sizes (null if it cannot).</summary>
    public async Task<MonitorVerdict> AcceptAsync(string note, Func<long, long, Task<IReadOnlyList<byte[]>?>> consistency)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(consistency);
        if (SignedNote.Open(note, origin, logKey) is not { } text || Checkpoint.Parse(text) is not { } checkpoint || checkpoint.Origin != origin)
        {
            return new(MonitorVerdictKind.Invalid, $"the checkpoint is not signed by the key of {origin}");
        }

        var last = Latest();
        if (last is not null)
        {
            if (checkpoint.Size < last.Size)
            {
                return new(MonitorVerdictKind.Alarm, $"SHRINK: the log serves size {checkpoint.Size} after this monitor accepted size {last.Size}: rolled back or truncated");
            }

            if (checkpoint.Size == last.Size)
            {
                return last.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash)
                    ? new(MonitorVerdictKind.Unchanged, $"size {checkpoint.Size}, unchanged")
                    : new(MonitorVerdictKind.Alarm, $"FORK: the log serves another root at size {checkpoint.Size} than the one this monitor accepted");
            }

            if (await consistency(last.Size, checkpoint.Size) is not { } proof)
            {
                return new(MonitorVerdictKind.Invalid, $"no consistency proof from {last.Size} to {checkpoint.Size} could be had; not accepted");
            }

            if (!MerkleTree.VerifyConsistency(last.Size, checkpoint.Size, last.RootHash, checkpoint.RootHash, proof))
            {
                return new(MonitorVerdictKind.Alarm, $"FORK: size {checkpoint.Size} is not consistent with size {last.Size} that this monitor accepted (the consistency proof fails)");
            }
        }

        if (witnesses.FirstOrDefault(w => Cosignature.Verify(w, text, note) is null) is { } missing)
        {
            return new(MonitorVerdictKind.Invalid, $"the checkpoint of size {checkpoint.Size} carries no valid cosignature by witness {missing.Name}");
        }

        var bytes = Encoding.UTF8.GetBytes(note);
        DurableFile.Write(Path.Combine(stateDirectory, "checkpoints", checkpoint.Size.ToString(CultureInfo.InvariantCulture)), bytes);
        DurableFile.Write(Path.Combine(stateDirectory, "checkpoint"), bytes);
        return new(MonitorVerdictKind.Accepted, last is null ? $"size {checkpoint.Size}, first checkpoint" : $"size {checkpoint.Size}, consistent with {last.Size}");
    }
}

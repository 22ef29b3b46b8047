using System.Globalization;

namespace Vigil.Record.Ledger;

/// <summary>
/// A ledger checkpoint in the C2SP tlog-checkpoint form: the origin line, the tree size in
/// decimal, the root hash in base64, each ending in a newline, then Vigil's one extension line
/// <c>timestamp T</c> (T the POSIX seconds of signing) when <paramref name="Timestamp"/> is set.
/// Checkpoints signed before the line existed have none and still parse; other extension lines
/// are ignored. Signed, it becomes a C2SP signed note (<see cref="SignedNote"/>).
/// </summary>
/// <param name="Origin">The log's name, the first line.</param>
/// <param name="Size">How many entries the tree holds.</param>
/// <param name="RootHash">The RFC 9162 root hash of those entries.</param>
/// <param name="Timestamp">When it was signed, POSIX seconds; null for a checkpoint without the line.</param>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, long? Timestamp = null)
{
    /// <summary>The keyword of Vigil's timestamp extension line.</summary>
    public const string TimestampKeyword = "timestamp ";

    /// <summary>The note text.</summary>
    public string Body => string.Create(
        CultureInfo.InvariantCulture,
        $"{Origin}\n{Size}\n{Convert.ToBase64String(RootHash)}\n{(Timestamp is { } t ? $"{TimestampKeyword}{t}\n" : "")}");

    /// <summary>Parses a checkpoint's note text; null if it is not one.</summary>
    public static Checkpoint? Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Split('\n');
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[0].Length == 0
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || lines[1] != size.ToString(CultureInfo.InvariantCulture)
            || lines.Skip(3).SkipLast(1).Any(l => l.Length == 0))
        {
            return null;
        }

        long? timestamp = null;
        if (lines.Length > 4 && lines[3].StartsWith(TimestampKeyword, StringComparison.Ordinal)
            && long.TryParse(lines[3].AsSpan(TimestampKeyword.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
        {
            timestamp = t;
        }

        try
        {
            var root = Convert.FromBase64String(lines[2]);
            return root.Length == MerkleHash.Length ? new Checkpoint(lines[0], size, root, timestamp) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

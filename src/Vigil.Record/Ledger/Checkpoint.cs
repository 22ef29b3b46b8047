using System.Globalization;

namespace Vigil.Record.Ledger;

/// <summary>
/// A ledger checkpoint in the C2SP tlog-checkpoint form: the origin line, the tree size in
/// decimal, the root hash in base64, each ending in a newline. Signed, it becomes a C2SP signed
/// note (<see cref="SignedNote"/>).
/// </summary>
/// <param name="Origin">The log's name, the first line.</param>
/// <param name="Size">How many entries the tree holds.</param>
/// <param name="RootHash">The RFC 9162 root hash of those entries.</param>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash)
{
    /// <summary>The note text.</summary>
    public string Body => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{Size}\n{Convert.ToBase64String(RootHash)}\n");

    /// <summary>Parses a checkpoint's note text; null if it is not one.</summary>
    public static Checkpoint? Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Split('\n');
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[0].Length == 0
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || lines[1] != size.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        try
        {
            var root = Convert.FromBase64String(lines[2]);
            return root.Length == MerkleHash.Length ? new Checkpoint(lines[0], size, root) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Witness;

/// <summary>
/// A witness's durable state: one file per origin, <c>logs/&lt;hex SHA-256 of the origin&gt;</c>,
/// holding the size, the base64 root and the cosigned checkpoint, each replaced atomically and
/// durably (<see cref="DurableFile"/>).
/// </summary>
public sealed class WitnessState(string directory)
{
    /// <summary>The state folder.</summary>
    public string Directory => directory;

    /// <summary>The latest cosigned head of an origin, or null if the witness never cosigned one.</summary>
    public WitnessedHead? Read(string origin)
    {
        var path = PathOf(origin);
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path);
        var lines = text.Split('\n', 3);
        if (lines.Length < 3 || !long.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new InvalidDataException($"The witness state {path} is damaged; it must be restored, never reset.");
        }

        return new WitnessedHead(size, Convert.FromBase64String(lines[1]), lines[2]);
    }

    /// <summary>Replaces the head of an origin.</summary>
    public void Write(string origin, WitnessedHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var text = string.Create(CultureInfo.InvariantCulture, $"{head.Size}\n{Convert.ToBase64String(head.Root)}\n{head.Note}");
        DurableFile.Write(PathOf(origin), Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The hex SHA-256 of an origin, lowercase, as the tlog-witness monitoring path names it.</summary>
    public static string OriginHash(string origin) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin)));

    private string PathOf(string origin) => System.IO.Path.Combine(directory, "logs", OriginHash(origin));
}

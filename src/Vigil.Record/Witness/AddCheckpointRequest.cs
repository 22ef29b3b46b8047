using System.Globalization;
using System.Text;

namespace Vigil.Record.Witness;

/// <summary>
/// The body of a C2SP tlog-witness <c>add-checkpoint</c> request: <c>old N\n</c>, up to 63
/// consistency proof lines (base64 hashes), an empty line, then the signed checkpoint note.
/// </summary>
/// <param name="OldSize">The size the client believes the witness last cosigned.</param>
/// <param name="Proof">The RFC 9162 consistency proof from <paramref name="OldSize"/> to the checkpoint's size.</param>
/// <param name="Note">The signed checkpoint.</param>
public sealed record AddCheckpointRequest(long OldSize, IReadOnlyList<byte[]> Proof, string Note)
{
    /// <summary>The most consistency proof lines a request may carry.</summary>
    public const int MaxProofLines = 63;

    /// <summary>The request body.</summary>
    public string Format()
    {
        var body = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"old {OldSize}\n"));
        foreach (var hash in Proof)
        {
            body.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return body.Append('\n').Append(Note).ToString();
    }

    /// <summary>Parses a request body; null with the reason if it is malformed.</summary>
    public static AddCheckpointRequest? Parse(string body, out string? error)
    {
        ArgumentNullException.ThrowIfNull(body);
        error = null;
        var blank = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            error = "the body has no empty line before the checkpoint";
            return null;
        }

        var head = body[..blank].Split('\n');
        if (!head[0].StartsWith("old ", StringComparison.Ordinal)
            || !long.TryParse(head[0].AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var old)
            || head[0][4..] != old.ToString(CultureInfo.InvariantCulture))
        {
            error = "the first line is not 'old N' with N in decimal without leading zeroes";
            return null;
        }

        if (head.Length - 1 > MaxProofLines)
        {
            error = $"more than {MaxProofLines} consistency proof lines";
            return null;
        }

        var proof = new List<byte[]>(head.Length - 1);
        foreach (var line in head.Skip(1))
        {
            var hash = new byte[32];
            if (!Convert.TryFromBase64String(line, hash, out var written) || written != 32 || Convert.ToBase64String(hash) != line)
            {
                error = "a consistency proof line is not a base64 SHA-256 hash";
                return null;
            }

            proof.Add(hash);
        }

        return new AddCheckpointRequest(old, proof, body[(blank + 2)..]);
    }
}

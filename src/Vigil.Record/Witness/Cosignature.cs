using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Vigil.Record.Witness;

/// <summary>
/// C2SP tlog-cosignature v1 with Ed25519: the signed message is <c>cosignature/v1\n</c>,
/// <c>time T\n</c> (T the POSIX seconds, decimal) and the checkpoint's whole note body; the note
/// signature line is <c>— NAME base64(key ID || u64 big-endian T || Ed25519 signature)</c>.
/// </summary>
public static class Cosignature
{
    private const string Dash = "\u2014 ";
    private const int BlobLength = 4 + 8 + 64;

    /// <summary>The message a cosigner signs over a checkpoint body at a time.</summary>
    public static byte[] Message(string checkpointBody, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(checkpointBody);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"cosignature/v1\ntime {timestamp}\n{checkpointBody}"));
    }

    /// <summary>Signs a checkpoint body: the signature line, ending in a newline.</summary>
    public static string Sign(Key key, CosignerKey name, string checkpointBody, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestamp);
        var blob = new byte[BlobLength];
        BinaryPrimitives.WriteUInt32BigEndian(blob, name.KeyId);
        BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(4), (ulong)timestamp);
        SignatureAlgorithm.Ed25519.Sign(key, Message(checkpointBody, timestamp), blob.AsSpan(12));
        return $"{Dash}{name.Name} {Convert.ToBase64String(blob)}\n";
    }

    /// <summary>
    /// Looks among a signed note's signature lines (or a witness response's lines) for this
    /// cosigner's: its timestamp if one matches name and key ID and verifies over
    /// <paramref name="checkpointBody"/>; null if none does.
    /// </summary>
    public static long? Verify(CosignerKey cosigner, string checkpointBody, string signatureLines)
    {
        ArgumentNullException.ThrowIfNull(cosigner);
        ArgumentNullException.ThrowIfNull(signatureLines);
        var prefix = Dash + cosigner.Name + " ";
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, cosigner.PublicKey, KeyBlobFormat.RawPublicKey);
        foreach (var line in signatureLines.Split('\n'))
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var blob = new byte[BlobLength];
            if (!Convert.TryFromBase64String(line[prefix.Length..], blob, out var written) || written != BlobLength
                || BinaryPrimitives.ReadUInt32BigEndian(blob) != cosigner.KeyId)
            {
                continue;
            }

            var timestamp = BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan(4));
            if (timestamp is 0 or > long.MaxValue)
            {
                continue;
            }

            if (SignatureAlgorithm.Ed25519.Verify(publicKey, Message(checkpointBody, (long)timestamp), blob.AsSpan(12)))
            {
                return (long)timestamp;
            }
        }

        return null;
    }

    /// <summary>A note with the signature lines added (those already in it are not repeated).</summary>
    public static string AddTo(string note, string signatureLines)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(signatureLines);
        var existing = note.Split('\n').ToHashSet(StringComparer.Ordinal);
        var added = new StringBuilder(note);
        foreach (var line in signatureLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith(Dash, StringComparison.Ordinal) && existing.Add(line))
            {
                added.Append(line).Append('\n');
            }
        }

        return added.ToString();
    }

    /// <summary>The note text of a signed note (up to and with the newline before the blank line), or null.</summary>
    public static string? BodyOf(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        return split < 0 ? null : note[..(split + 1)];
    }
}

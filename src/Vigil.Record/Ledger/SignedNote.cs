using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Ledger;

/// <summary>
/// C2SP signed notes with ECDSA P-256 signatures (signature type 0x02): the text, a blank line,
/// then <c>— NAME base64(key ID || signature)</c>. The key ID is the first four bytes of
/// SHA-256 over the key's DER SubjectPublicKeyInfo; the signature is ECDSA with SHA-256 over the
/// text, DER-encoded.
/// </summary>
internal static class SignedNote
{
    private const string Dash = "\u2014 ";

    /// <summary>Signs a note text (which must end in a newline) under a key name.</summary>
    public static string Sign(string text, string keyName, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(key);
        if (!text.EndsWith('\n') || text.Any(c => c < 0x20 && c != '\n') || keyName.Any(c => char.IsWhiteSpace(c) || c == '+') || keyName.Length == 0)
        {
            throw new ArgumentException("A note text ends in a newline and holds no control characters; a key name holds no spaces or '+'.");
        }

        var signature = key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var blob = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId(key));
        signature.CopyTo(blob, 4);
        return $"{text}\n{Dash}{keyName} {Convert.ToBase64String(blob)}\n";
    }

    /// <summary>The text of a note if a signature by this key name and key verifies; else null.</summary>
    public static string? Open(string note, string keyName, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(key);
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            return null;
        }

        var text = note[..(split + 1)];
        var id = KeyId(key);
        var data = Encoding.UTF8.GetBytes(text);
        foreach (var line in note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(Dash + keyName + " ", StringComparison.Ordinal))
            {
                continue;
            }

            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(line[(Dash.Length + keyName.Length + 1)..]);
            }
            catch (FormatException)
            {
                return null;
            }

            if (blob.Length > 4 && BinaryPrimitives.ReadUInt32BigEndian(blob) == id)
            {
                return key.VerifyData(data, blob.AsSpan(4), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence) ? text : null;
            }
        }

        return null;
    }

    /// <summary>The note key ID of an ECDSA key: SHA-256(DER SubjectPublicKeyInfo)[:4], big-endian.</summary>
    public static uint KeyId(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }
}

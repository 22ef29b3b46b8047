using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Witness;

/// <summary>
/// The public half of a C2SP tlog-cosignature Ed25519 cosigner (signature type 0x04): its name and
/// 32-byte public key. The key ID is <c>SHA-256(name || "\n" || 0x04 || public key)[:4]</c>; the
/// verifier key (vkey, C2SP signed-note) is <c>name+hex(key ID)+base64(0x04 || public key)</c>.
/// </summary>
public sealed class CosignerKey
{
    /// <summary>The note signature type of Ed25519 cosignature/v1.</summary>
    public const byte SignatureType = 0x04;

    private readonly byte[] _publicKey;

    /// <summary>A cosigner key from its name and 32-byte Ed25519 public key.</summary>
    public CosignerKey(string name, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsKeyName(name) || publicKey.Length != 32)
        {
            throw new ArgumentException("A cosigner has a non-empty name without spaces or '+' and a 32-byte Ed25519 public key.");
        }

        Name = name;
        _publicKey = publicKey.ToArray();
        var material = new byte[Encoding.UTF8.GetByteCount(name) + 2 + 32];
        var at = Encoding.UTF8.GetBytes(name, material);
        material[at] = (byte)'\n';
        material[at + 1] = SignatureType;
        _publicKey.CopyTo(material, at + 2);
        KeyId = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(material));
    }

    /// <summary>The cosigner's name, the key name of its signature lines.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key ID of its signature lines.</summary>
    public uint KeyId { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The verifier key: <c>name+hex(key ID)+base64(0x04 || public key)</c>.</summary>
    public string Vkey => string.Create(CultureInfo.InvariantCulture, $"{Name}+{KeyId:x8}+{Convert.ToBase64String([SignatureType, .. _publicKey])}");

    /// <summary>Reads a verifier key; null (with the reason) if it is not an Ed25519 cosigner vkey or its key ID does not match.</summary>
    public static CosignerKey? Parse(string vkey, out string? error)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        error = null;
        var parts = vkey.Trim().Split('+', 3);
        if (parts.Length != 3 || !IsKeyName(parts[0]) || parts[1].Length != 8
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            error = "a vkey is NAME+KEYID(8 hex digits)+BASE64";
            return null;
        }

        byte[] material;
        try
        {
            material = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            error = "the vkey's key material is not base64";
            return null;
        }

        if (material.Length != 33 || material[0] != SignatureType)
        {
            error = "the vkey is not an Ed25519 cosignature key (type 0x04, 32 bytes)";
            return null;
        }

        var key = new CosignerKey(parts[0], material.AsSpan(1));
        if (key.KeyId != id)
        {
            error = $"the vkey's key ID {parts[1]} does not match its name and key ({key.KeyId:x8})";
            return null;
        }

        return key;
    }

    /// <summary>Whether a string can be a note key name: non-empty, no whitespace, no '+'.</summary>
    public static bool IsKeyName(string name) => name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '+');
}

using Vigil.Record;
using Vigil.Record.Encryption;

namespace Vigil.Platform.Keys;

/// <summary>
/// Rotation of the record's key-encryption key: every data key is rewrapped under a new one in
/// one transaction, then the old one is destroyed (unless kept). The data itself is not
/// re-encrypted.
/// </summary>
public sealed class KeyRotation(RecordStore record)
{
    /// <summary>Rotates the key-encryption key; with <paramref name="keepOld"/>, the old one stays in the key store.</summary>
    public KekRotation Rotate(bool keepOld = false) => record.Cipher.Keys.Rotate(keepOld);

    /// <summary>The record's database, its active key-encryption key and how many data keys it wraps; opens no key.</summary>
    public KeyStatus Status() => new(record.Database.Description, record.Cipher.Keys.ActiveKek(), record.Cipher.Keys.Count());
}

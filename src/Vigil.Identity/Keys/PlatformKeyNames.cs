namespace Vigil.Identity.Keys;

/// <summary>The names of the platform keys held in the key store.</summary>
public static class PlatformKeyNames
{
    /// <summary>The development platform CA that certifies the platform's own keys.</summary>
    public const string PlatformCa = "platform-ca";

    /// <summary>The ingest key: devices agree session keys with it (ECDH).</summary>
    public const string Ingest = "ingest";

    /// <summary>The signing key: receipts and ledger checkpoints.</summary>
    public const string Signing = "signing";

    /// <summary>
    /// The AES-256 key-encryption key of the console's session keys: the ASP.NET Core Data
    /// Protection key ring that signs and encrypts session cookies is kept encrypted under it.
    /// </summary>
    public const string Sessions = "sessions-kek";
}

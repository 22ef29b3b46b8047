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
}

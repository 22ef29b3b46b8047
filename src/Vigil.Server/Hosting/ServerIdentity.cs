using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Certificates;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;

namespace Vigil.Server.Hosting;

/// <summary>
/// The platform's keys and certificates, loaded once from the data folder; disposing it closes the
/// key store and releases the certificates (the container does, when the server is disposed).
/// </summary>
internal sealed class ServerIdentity : IDisposable
{
    /// <summary>Loads the identity of an initialised data folder.</summary>
    public ServerIdentity(DataFolder folder, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!folder.IsInitialized)
        {
            throw new InvalidOperationException($"{folder.Root} is not initialised; run 'vigil init' first.");
        }

        Folder = folder;
        Keys = folder.OpenKeyStore(passphrase);
        try
        {
            PlatformCa = folder.PlatformCaCertificate;
            IngestCertificate = folder.IngestCertificate;
            SigningCertificate = folder.SigningCertificate;
            TlsCertificate = folder.LoadTlsCertificate(passphrase);
            Makers = folder.LoadMakerTrust();

            // A key that does not open stops the start here, as a key error: not at the first batch
            // (the ingest key) or the first sign-in (the session keys' key-encryption key).
            Keys.GetPublicKey(PlatformKeyNames.Ingest);
            Keys.WrapKey(PlatformKeyNames.Sessions, new byte[32]);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The data folder.</summary>
    public DataFolder Folder { get; }

    /// <summary>The platform key store.</summary>
    public IKeyStore Keys { get; }

    /// <summary>The platform CA (issues relay certificates).</summary>
    public X509Certificate2 PlatformCa { get; }

    /// <summary>The ingest certificate devices encrypt to.</summary>
    public X509Certificate2 IngestCertificate { get; }

    /// <summary>The receipt signing certificate.</summary>
    public X509Certificate2 SigningCertificate { get; }

    /// <summary>The TLS server certificate with its key.</summary>
    public X509Certificate2 TlsCertificate { get; }

    /// <summary>The trusted maker CAs.</summary>
    public MakerTrust Makers { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Keys.Dispose();
        PlatformCa?.Dispose();
        IngestCertificate?.Dispose();
        SigningCertificate?.Dispose();
        TlsCertificate?.Dispose();
    }
}

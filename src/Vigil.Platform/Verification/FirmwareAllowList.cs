using System.Security.Cryptography;
using Vigil.Platform.UseCases;
using Vigil.Record.Trust;

namespace Vigil.Platform.Verification;

/// <summary>
/// The known-good firmware of each model: readings from a device attesting a digest not listed
/// for its model are Suspect(unknown-firmware).
/// </summary>
public sealed class FirmwareAllowList(ITrustStore trust, TimeProvider time)
{
    /// <summary>The code of a digest that is not a SHA-256.</summary>
    public const string InvalidDigest = "invalid-digest";

    /// <summary>Lists a firmware digest, given as 64 hex digits, as known good for a model.</summary>
    public Task<UseCaseResult<FirmwareEntry>> AllowAsync(string model, string digestHex, string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digestHex);
        return digestHex.Length != SHA256.HashSizeInBytes * 2 || !digestHex.All(Uri.IsHexDigit)
            ? Task.FromResult(Invalid())
            : AllowAsync(model, Convert.FromHexString(digestHex), version, cancellationToken);
    }

    /// <summary>Lists a firmware digest as known good for a model.</summary>
    public async Task<UseCaseResult<FirmwareEntry>> AllowAsync(string model, byte[] digest, string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Length != SHA256.HashSizeInBytes)
        {
            return Invalid();
        }

        var entry = new FirmwareEntry(model, digest, version, time.GetUtcNow());
        await trust.AllowFirmwareAsync(entry, cancellationToken);
        return UseCaseResult<FirmwareEntry>.Done(entry);
    }

    private static UseCaseResult<FirmwareEntry> Invalid() =>
        UseCaseResult<FirmwareEntry>.Refused(RefusalKind.Invalid, InvalidDigest, "the digest must be 64 hex digits (SHA-256)");
}

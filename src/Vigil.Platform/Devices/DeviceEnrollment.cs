using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Platform.UseCases;
using Vigil.Record.Registry;

namespace Vigil.Platform.Devices;

/// <summary>
/// Enrollment: a device certificate is accepted into the registry only if it chains to a maker CA
/// the data folder trusts (custom root trust, <see cref="MakerTrust"/>) and names a device with its
/// attributes, and only once per device id and certificate.
/// </summary>
public sealed class DeviceEnrollment(IRegistry registry, DataFolder folder, TimeProvider time)
{
    /// <summary>The code of a certificate that does not chain to a trusted maker.</summary>
    public const string UntrustedCertificate = "untrusted-certificate";

    /// <summary>The code of a certificate that names no device or carries no device attributes.</summary>
    public const string NoDeviceIdentity = "no-device-identity";

    /// <summary>The code of a device (or certificate) enrolled before.</summary>
    public const string AlreadyEnrolled = "already-enrolled";

    private readonly Lazy<MakerTrust> _makers = new(folder.LoadMakerTrust);

    /// <summary>Enrolls a device certificate after checking it chains to a trusted maker; gives the registry's record of it.</summary>
    public async Task<UseCaseResult<DeviceRecord>> EnrollAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = time.GetUtcNow();
        var status = _makers.Value.Check(certificate, now);
        if (status != ChainStatus.Trusted)
        {
            return UseCaseResult<DeviceRecord>.Refused(RefusalKind.Conflict, UntrustedCertificate, $"the certificate is not trusted: {status}");
        }

        if (RecordOf(certificate, now) is not { } record)
        {
            return UseCaseResult<DeviceRecord>.Refused(RefusalKind.Conflict, NoDeviceIdentity, "the certificate names no valid device id or carries no device attributes");
        }

        return await registry.EnrollDeviceAsync(record, cancellationToken)
            ? UseCaseResult<DeviceRecord>.Done(record)
            : UseCaseResult<DeviceRecord>.Refused(RefusalKind.Conflict, AlreadyEnrolled, $"device {record.Id} (or its certificate) is already enrolled");
    }

    /// <summary>The registry record of an active device certificate, or null if it names no device or carries no attributes.</summary>
    public static DeviceRecord? RecordOf(X509Certificate2 certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var id = DeviceCredentials.DeviceIdOf(certificate);
        var attributes = DeviceAttributes.FromCertificate(certificate);
        return id is null || attributes is null
            ? null
            : new DeviceRecord(
                id.Value, CertificateKeyId.HexOf(certificate), certificate.RawData, attributes.Model, attributes.Lot, attributes.Serial,
                attributes.Firmware, DeviceStatus.Active, null, now, null);
    }
}

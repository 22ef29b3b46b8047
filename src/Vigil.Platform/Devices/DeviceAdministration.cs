using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Identity.Certificates;
using Vigil.Platform.UseCases;
using Vigil.Platform.Verification;
using Vigil.Record.Registry;

namespace Vigil.Platform.Devices;

/// <summary>
/// What administrators and analysts do to enrolled devices, for the CLI, the API and the console
/// alike: bind a device to its patient and to the relays that may carry it, register a relay, and
/// quarantine or revoke a device (revocation is final). A change of status tells the patient's care
/// team, records a security event naming who did it, and is seen at once by every lookup of this
/// process's registry cache that follows.
/// </summary>
public sealed class DeviceAdministration(IRegistry registry, TrustResponse trust, RegistryCache cache, TimeProvider time)
{
    /// <summary>The code of a device that is not enrolled.</summary>
    public const string DeviceNotFound = "device-not-found";

    /// <summary>The code of a status that cannot change (a revoked device).</summary>
    public const string StatusFinal = "status-final";

    /// <summary>The code of a device or patient that is not known.</summary>
    public const string PatientNotFound = "patient-not-found";

    /// <summary>The code of a device or relay that is not known.</summary>
    public const string RelayNotFound = "relay-not-found";

    /// <summary>The code of a relay id or certificate that is taken.</summary>
    public const string RelayExists = "relay-exists";

    /// <summary>Quarantines or revokes a device for <paramref name="actor"/>; gives the device as it was before.</summary>
    public async Task<UseCaseResult<DeviceRecord>> SetStatusAsync(DeviceId device, DeviceStatus status, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await registry.FindDeviceAsync(device, cancellationToken) is not { } known)
        {
            return UseCaseResult<DeviceRecord>.Refused(RefusalKind.NotFound, DeviceNotFound, $"no enrolled device '{device}'");
        }

        // The care team is told to stop relying on this device and use another measurement.
        if (!await trust.SetStatusAsync(device, status, reason, actor.Id, actor.Source))
        {
            return new UseCaseResult<DeviceRecord>(
                known, new Refusal(RefusalKind.Conflict, StatusFinal, $"device {device} is {known.Status.ToString().ToLowerInvariant()}; that cannot change"));
        }

        await cache.InvalidateAsync(cancellationToken);
        return UseCaseResult<DeviceRecord>.Done(known);
    }

    /// <summary>Binds a device to its patient, replacing any earlier binding.</summary>
    public async Task<UseCaseResult> BindToPatientAsync(DeviceId device, PatientId patientId, CancellationToken cancellationToken = default) =>
        await registry.BindDeviceToPatientAsync(device, patientId, cancellationToken)
            ? UseCaseResult.Done
            : UseCaseResult.Refused(RefusalKind.NotFound, PatientNotFound, $"device {device} or patient {patientId} is not known");

    /// <summary>Allows a relay to carry a device's batches; done also when it already may.</summary>
    public async Task<UseCaseResult> BindToRelayAsync(DeviceId device, RelayId relayId, CancellationToken cancellationToken = default) =>
        await registry.BindDeviceToRelayAsync(device, relayId, cancellationToken)
            || (await registry.FindRelayAsync(relayId, cancellationToken))?.Devices.Contains(device.Value) == true
            ? UseCaseResult.Done
            : UseCaseResult.Refused(RefusalKind.NotFound, RelayNotFound, $"device {device} or relay {relayId} is not known");

    /// <summary>Registers a relay by the client certificate the platform CA issued it.</summary>
    public async Task<UseCaseResult> AddRelayAsync(RelayId relayId, X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return await registry.AddRelayAsync(relayId, CertificateKeyId.HexOf(certificate), certificate.RawData, time.GetUtcNow(), cancellationToken)
            ? UseCaseResult.Done
            : UseCaseResult.Refused(RefusalKind.Conflict, RelayExists, $"relay {relayId} already exists");
    }
}

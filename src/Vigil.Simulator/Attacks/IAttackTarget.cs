using System.Security.Cryptography.X509Certificates;
using Vigil.Device.Sealing;
using Vigil.Domain.Devices;
using Vigil.Protocol.Sealing;

namespace Vigil.Simulator.Attacks;

/// <summary>
/// The running Vigil the attack lab plays against: what an operator does (admit a patient with
/// enrolled devices, revoke a device, enter a fingerstick), where its MQTT broker listens, and what
/// it recorded. The lab only ever reaches the platform through its public interfaces; the target
/// supplies the operator's side.
/// </summary>
public interface IAttackTarget
{
    /// <summary>The clock the platform and the lab share (the system clock, but for tests).</summary>
    TimeProvider Time { get; }

    /// <summary>The broker's host.</summary>
    string Host { get; }

    /// <summary>The broker's MQTT-over-TLS port.</summary>
    int MqttPort { get; }

    /// <summary>The CA the platform's TLS certificate chains to.</summary>
    X509Certificate2 PlatformCa { get; }

    /// <summary>The platform's ingest key, public: anyone who can seal a batch for Vigil has it, a relay too.</summary>
    RecipientKey Recipient { get; }

    /// <summary>Admits a new patient with new devices, each enrolled, bound to the patient and to a new home hub.</summary>
    Task<LabPatient> AdmitAsync(string name, IReadOnlyList<LabDeviceRequest> devices);

    /// <summary>A second sealer holding the same key as a device, numbering from the same counter state (a stolen key).</summary>
    DeviceSealer Clone(LabDevice device, ulong nextSequence);

    /// <summary>
    /// The device's own sealer after a restart: the same key, its counter going on at
    /// <paramref name="nextSequence"/>, a new session on its first batch, and the floor of batch
    /// times it kept from its last run (the device SDK's <c>notBefore</c>).
    /// </summary>
    DeviceSealer Restart(LabDevice device, ulong nextSequence, DateTimeOffset notBefore);

    /// <summary>Revokes a device, as an administrator does.</summary>
    Task RevokeAsync(DeviceId device, string reason);

    /// <summary>Enters a fingerstick glucose for a patient, as a nurse does.</summary>
    Task FingerstickAsync(string patientId, DateTimeOffset at, double glucose);

    /// <summary>What the platform holds about a device and its patient.</summary>
    Task<AttackEvidence> ObserveAsync(DeviceId device, string patientId, DateTimeOffset since);
}

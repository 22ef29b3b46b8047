using Vigil.Domain.Devices;
using Vigil.Domain.Patients;

namespace Vigil.Record.Registry;

/// <summary>Devices, relays, patients and who may carry or own what. Persists in the record.</summary>
public interface IRegistry
{
    /// <summary>A number that changes whenever anything in the registry changes.</summary>
    Task<long> VersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Enrolls a device; false if its id or certificate is enrolled already.</summary>
    Task<bool> EnrollDeviceAsync(DeviceRecord device, CancellationToken cancellationToken = default);

    /// <summary>Enrolls many devices in one transaction (fleet provisioning); returns how many were new.</summary>
    Task<int> EnrollDevicesAsync(IEnumerable<DeviceRecord> devices, CancellationToken cancellationToken = default);

    /// <summary>The device with this id, or null.</summary>
    Task<DeviceRecord?> FindDeviceAsync(DeviceId id, CancellationToken cancellationToken = default);

    /// <summary>The device whose certificate has this kid, or null.</summary>
    Task<DeviceRecord?> FindDeviceByKeyIdAsync(string keyIdHex, CancellationToken cancellationToken = default);

    /// <summary>Every enrolled device, by id.</summary>
    Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes a device's status; false if there is no such device. Revocation is final.</summary>
    Task<bool> SetDeviceStatusAsync(DeviceId id, DeviceStatus status, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Adds a patient; false if the id exists.</summary>
    /// <param name="id">An opaque pseudonym (never a medical record number): it is stored in clear to find the patient's data.</param>
    /// <param name="displayName">How the care team refers to the patient (sealed).</param>
    /// <param name="at">When.</param>
    /// <param name="mrn">The patient's identifier in the hospital's record, if given (sealed).</param>
    /// <param name="cancellationToken">Stops waiting for the record.</param>
    Task<bool> AddPatientAsync(PatientId id, string displayName, DateTimeOffset at, string? mrn = null, CancellationToken cancellationToken = default);

    /// <summary>Every patient, by id.</summary>
    Task<IReadOnlyList<PatientRecord>> ListPatientsAsync(CancellationToken cancellationToken = default);

    /// <summary>The patient with this id, or null.</summary>
    Task<PatientRecord?> FindPatientAsync(PatientId id, CancellationToken cancellationToken = default);

    /// <summary>Sets the unit a patient's glucose is shown in; false if there is no such patient.</summary>
    Task<bool> SetGlucoseUnitAsync(PatientId patientId, string unit, CancellationToken cancellationToken = default);

    /// <summary>Binds a device to a patient (replacing any earlier binding); false if either is unknown.</summary>
    Task<bool> BindDeviceToPatientAsync(DeviceId device, PatientId patientId, CancellationToken cancellationToken = default);

    /// <summary>Adds a relay; false if its id or certificate exists.</summary>
    Task<bool> AddRelayAsync(RelayId id, string keyIdHex, byte[] certificate, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The relay with this id, or null.</summary>
    Task<RelayRecord?> FindRelayAsync(RelayId id, CancellationToken cancellationToken = default);

    /// <summary>Every relay, by id.</summary>
    Task<IReadOnlyList<RelayRecord>> ListRelaysAsync(CancellationToken cancellationToken = default);

    /// <summary>Allows a relay to carry a device's batches; false if either is unknown.</summary>
    Task<bool> BindDeviceToRelayAsync(DeviceId device, RelayId relayId, CancellationToken cancellationToken = default);
}

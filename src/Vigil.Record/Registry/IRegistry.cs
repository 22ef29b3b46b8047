using Vigil.Domain.Devices;

namespace Vigil.Record.Registry;

/// <summary>Devices, relays, patients and who may carry or own what. Persists in the record.</summary>
public interface IRegistry
{
    /// <summary>A number that changes whenever anything in the registry changes.</summary>
    long Version();

    /// <summary>Enrolls a device; false if its id or certificate is enrolled already.</summary>
    bool EnrollDevice(DeviceRecord device);

    /// <summary>Enrolls many devices in one transaction (fleet provisioning); returns how many were new.</summary>
    int EnrollDevices(IEnumerable<DeviceRecord> devices);

    /// <summary>The device with this id, or null.</summary>
    DeviceRecord? FindDevice(DeviceId id);

    /// <summary>The device whose certificate has this kid, or null.</summary>
    DeviceRecord? FindDeviceByKeyId(string keyIdHex);

    /// <summary>Every enrolled device, by id.</summary>
    IReadOnlyList<DeviceRecord> ListDevices();

    /// <summary>Changes a device's status; false if there is no such device. Revocation is final.</summary>
    bool SetDeviceStatus(DeviceId id, DeviceStatus status, string reason, DateTimeOffset at);

    /// <summary>Adds a patient; false if the id exists.</summary>
    /// <param name="id">An opaque pseudonym (never a medical record number): it is stored in clear to find the patient's data.</param>
    /// <param name="displayName">How the care team refers to the patient (sealed).</param>
    /// <param name="at">When.</param>
    /// <param name="mrn">The patient's identifier in the hospital's record, if given (sealed).</param>
    bool AddPatient(string id, string displayName, DateTimeOffset at, string? mrn = null);

    /// <summary>Every patient, by id.</summary>
    IReadOnlyList<PatientRecord> ListPatients();

    /// <summary>The patient with this id, or null.</summary>
    PatientRecord? FindPatient(string id);

    /// <summary>Sets the unit a patient's glucose is shown in; false if there is no such patient.</summary>
    bool SetGlucoseUnit(string patientId, string unit);

    /// <summary>Binds a device to a patient (replacing any earlier binding); false if either is unknown.</summary>
    bool BindDeviceToPatient(DeviceId device, string patientId);

    /// <summary>Adds a relay; false if its id or certificate exists.</summary>
    bool AddRelay(string id, string keyIdHex, byte[] certificate, DateTimeOffset at);

    /// <summary>The relay with this id, or null.</summary>
    RelayRecord? FindRelay(string id);

    /// <summary>Every relay, by id.</summary>
    IReadOnlyList<RelayRecord> ListRelays();

    /// <summary>Allows a relay to carry a device's batches; false if either is unknown.</summary>
    bool BindDeviceToRelay(DeviceId device, string relayId);
}

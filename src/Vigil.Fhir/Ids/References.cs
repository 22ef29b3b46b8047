using Hl7.Fhir.Model;

namespace Vigil.Fhir.Ids;

/// <summary>Literal references between the resources the mapping makes, by their stable ids.</summary>
internal static class References
{
    public static ResourceReference Device(string deviceId) => new("Device/" + ResourceIds.Device(deviceId));

    public static ResourceReference Relay(string relayId) => new("Device/" + ResourceIds.Relay(relayId));

    public static ResourceReference Patient(string patientId) => new("Patient/" + ResourceIds.Patient(patientId));

    public static ResourceReference Reading(string deviceId, ulong sequence, int index) =>
        new("Observation/" + ResourceIds.Reading(deviceId, sequence, index));
}

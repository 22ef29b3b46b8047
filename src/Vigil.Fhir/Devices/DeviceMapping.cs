using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hl7.Fhir.Model;
using Vigil.Domain.Devices;
using Vigil.Fhir.Codes;
using Vigil.Fhir.Ids;
using Vigil.Record.Registry;

namespace Vigil.Fhir.Devices;

/// <summary>Vigil's enrolled devices and relays as FHIR R4 Device resources.</summary>
public static class DeviceMapping
{
    /// <summary>
    /// The Device: identifier, lot, serial, firmware version, status, manufacturer (the maker CA
    /// that issued its certificate), model and type. Vigil holds no UDI, so there is no udiCarrier.
    /// A revoked device is <c>inactive</c>; a quarantined one stays <c>active</c> (its batches are
    /// still received) with a status reason saying it is quarantined and why.
    /// </summary>
    /// <param name="device">The registry's record.</param>
    /// <param name="kind">The kind of sensor, when known (<see cref="DeviceTypes.SensorOf"/> finds it from a reading).</param>
    public static Device ToFhir(DeviceRecord device, SensorKind? kind)
    {
        ArgumentNullException.ThrowIfNull(device);
        var id = device.Id.ToString();
        var result = new Device
        {
            Id = ResourceIds.Device(id),
            Identifier = [new Identifier(CodeSystems.DeviceId, id)],
            Status = device.Status == DeviceStatus.Revoked ? Device.FHIRDeviceStatus.Inactive : Device.FHIRDeviceStatus.Active,
            Manufacturer = Maker(device.Certificate),
            LotNumber = device.Lot,
            SerialNumber = device.Serial,
            ModelNumber = device.Model,
            DeviceName = [new Device.DeviceNameComponent { Name = device.Model, Type = DeviceNameType.ModelName }],
            Version = [new Device.VersionComponent { Type = new CodeableConcept { Text = "firmware" }, Value = device.Firmware }],
        };
        if (kind is { } k)
        {
            result.Type = DeviceTypes.Of(k);
        }

        if (device.Status != DeviceStatus.Active)
        {
            var code = device.Status == DeviceStatus.Quarantined ? "quarantined" : "revoked";
            var reason = Concepts.Of(CodeSystems.DeviceStatus, code, device.Status == DeviceStatus.Quarantined ? "Quarantined" : "Revoked");
            reason.Text = device.StatusReason is { Length: > 0 } why ? $"{code}: {why}" : code;
            result.StatusReason = [reason];
        }

        if (device.PatientId is { } patient)
        {
            result.Patient = References.Patient(patient.Value);
        }

        return result;
    }

    /// <summary>A relay (phone app, home hub) as a Device, so that a Provenance can name it.</summary>
    public static Device ToFhir(RelayRecord relay)
    {
        ArgumentNullException.ThrowIfNull(relay);
        return new Device
        {
            Id = ResourceIds.Relay(relay.Id.Value),
            Identifier = [new Identifier(CodeSystems.RelayId, relay.Id.Value)],
            Status = Device.FHIRDeviceStatus.Active,
            Manufacturer = Maker(relay.Certificate),
            Type = Concepts.Of(CodeSystems.VigilDeviceType, "relay", "Relay", "Relay (phone app or home hub)"),
        };
    }

    private static string? Maker(byte[] certificate)
    {
        if (certificate.Length == 0)
        {
            return null;
        }

        try
        {
            using var parsed = X509CertificateLoader.LoadCertificate(certificate);
            var issuer = parsed.GetNameInfo(X509NameType.SimpleName, forIssuer: true);
            return string.IsNullOrEmpty(issuer) ? null : issuer;
        }
        catch (CryptographicException)
        {
            // A record whose certificate does not parse still maps; it just names no maker.
            return null;
        }
    }
}

using Vigil.Domain.Devices;
using Vigil.Domain.Patients;

namespace Vigil.Record.Registry;

/// <summary>An enrolled device as the registry holds it.</summary>
/// <param name="Id">The device id.</param>
/// <param name="KeyIdHex">The kid of its certificate.</param>
/// <param name="Certificate">The certificate, DER.</param>
/// <param name="Model">Model, from the certificate.</param>
/// <param name="Lot">Lot, from the certificate.</param>
/// <param name="Serial">Serial number, from the certificate.</param>
/// <param name="Firmware">Factory firmware version, from the certificate.</param>
/// <param name="Status">Active, quarantined or revoked.</param>
/// <param name="PatientId">The patient it is bound to, if any.</param>
/// <param name="EnrolledAt">When it was enrolled.</param>
/// <param name="StatusReason">Why the status last changed, if it did.</param>
public sealed record DeviceRecord(
    DeviceId Id,
    string KeyIdHex,
    byte[] Certificate,
    string Model,
    string Lot,
    string Serial,
    string Firmware,
    DeviceStatus Status,
    PatientId? PatientId,
    DateTimeOffset EnrolledAt,
    string? StatusReason);

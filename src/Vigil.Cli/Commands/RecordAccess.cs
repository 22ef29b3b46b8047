using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Verification;
using Vigil.Record;
using Vigil.Record.Access;
using Vigil.Record.Registry;

namespace Vigil.Cli.Commands;

/// <summary>Opening the record of a data folder for the registry and event commands, which may run beside a server.</summary>
internal static class RecordAccess
{
    /// <summary>The record, or null with the error printed if the folder is not initialised.</summary>
    public static RecordStore? Open(CliContext context, DirectoryInfo data)
    {
        var folder = new DataFolder(data.FullName);
        if (!folder.IsInitialized)
        {
            context.Fail($"{folder.Root} is not initialised; run 'vigil init' first.", 2);
            return null;
        }

        try
        {
            return RecordStore.Open(folder, CliContext.KeyPassphrase, context.Time);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Data.Common.DbException or ArgumentException
            or System.Security.Cryptography.CryptographicException)
        {
            context.Fail($"the record of {folder.Root} cannot be opened: {e.Message}", 2);
            return null;
        }
    }

    /// <summary>
    /// The record opened for what needs no key (the audit, proofs, the key status), or null with
    /// the error printed: neither the passphrase nor the token is needed, and no key is created.
    /// </summary>
    public static RecordStore? OpenWithoutKeys(CliContext context, DirectoryInfo data)
    {
        var folder = new DataFolder(data.FullName);
        if (!folder.IsInitialized)
        {
            context.Fail($"{folder.Root} is not initialised; run 'vigil init' first.", 2);
            return null;
        }

        try
        {
            return RecordStore.OpenWithoutKeys(folder, context.Time);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Data.Common.DbException or ArgumentException)
        {
            context.Fail($"the record of {folder.Root} cannot be opened: {e.Message}", 2);
            return null;
        }
    }

    /// <summary>
    /// Records in the ledger that the operator at the command line was shown patients' data: one
    /// entry per patient, before anything is printed.
    /// </summary>
    public static async Task AuditAsync(RecordStore record, CliContext context, IEnumerable<string?> patientIds, string what)
    {
        foreach (var patient in patientIds.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            await record.Access.RecordAccessAsync(new AccessEntry(0, context.Time.GetUtcNow(), CliContext.Operator, "operator", patient, what, AccessPurposes.Operator));
        }
    }

    /// <summary>The trust response over a record, for commands that flag devices or notify care teams.</summary>
    public static TrustResponse Trust(RecordStore record, TimeProvider time) =>
        new(record.Registry, record.Trust, record.Readings, record.Clinical, new Platform.Security.SecurityEventSink(record.Events, time), time);

    /// <summary>Enrolls a device certificate after checking it chains to a trusted maker; null on success, else why not.</summary>
    public static async Task<string?> EnrollAsync(IRegistry registry, DataFolder folder, X509Certificate2 certificate, DateTimeOffset now)
    {
        var status = folder.LoadMakerTrust().Check(certificate, now);
        if (status != ChainStatus.Trusted)
        {
            return $"the certificate is not trusted: {status}";
        }

        if (RecordOf(certificate, now) is not { } record)
        {
            return "the certificate names no valid device id or carries no device attributes";
        }

        return await registry.EnrollDeviceAsync(record) ? null : $"device {record.Id} (or its certificate) is already enrolled";
    }

    /// <summary>The registry record of an active device certificate, or null if it names no device or carries no attributes.</summary>
    public static DeviceRecord? RecordOf(X509Certificate2 certificate, DateTimeOffset now)
    {
        var id = DeviceCredentials.DeviceIdOf(certificate);
        var attributes = DeviceAttributes.FromCertificate(certificate);
        return id is null || attributes is null
            ? null
            : new DeviceRecord(
                id.Value, CertificateKeyId.HexOf(certificate), certificate.RawData, attributes.Model, attributes.Lot, attributes.Serial,
                attributes.Firmware, DeviceStatus.Active, null, now, null);
    }
}

using Vigil.Domain.Patients;
using Vigil.Identity.Provisioning;
using Vigil.Platform;
using Vigil.Platform.UseCases;
using Vigil.Record;
using Vigil.Platform.Queries;
using Vigil.Server.Access;

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

    /// <summary>The platform over the record (<see cref="Open"/>), or null with the error printed.</summary>
    public static PlatformSession? OpenPlatform(CliContext context, DirectoryInfo data) =>
        Open(context, data) is { } record ? Session(context, data, record) : null;

    /// <summary>The platform over the record opened without keys (<see cref="OpenWithoutKeys"/>), or null with the error printed.</summary>
    public static PlatformSession? OpenPlatformWithoutKeys(CliContext context, DirectoryInfo data) =>
        OpenWithoutKeys(context, data) is { } record ? Session(context, data, record) : null;

    /// <summary>The operator at the command line as the actor of a use case.</summary>
    public static Actor Operator => new(CliContext.Operator, "operator", "cli");

    /// <summary>
    /// Records in the ledger that the operator at the command line was shown patients' data: one
    /// entry per patient, before anything is printed.
    /// </summary>
    public static Task AuditAsync(PlatformSession platform, IEnumerable<PatientId> patientIds, string what) =>
        platform.Get<CareAccess>().RecordOperatorAsync(CliContext.Operator, patientIds, what);

    private static PlatformSession Session(CliContext context, DirectoryInfo data, RecordStore record) =>
        PlatformSession.Open(new DataFolder(data.FullName), record, StaffPasswordHasher.Instance, context.Time);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Access;
using Vigil.Platform.Audit;
using Vigil.Platform.Devices;
using Vigil.Platform.Keys;
using Vigil.Platform.Patients;
using Vigil.Platform.Queries;
using Vigil.Platform.Security;
using Vigil.Platform.Verification;
using Vigil.Record;
using Vigil.Record.Registry;
using Vigil.Record.Trust;
using Vigil.Record.Witness;

namespace Vigil.Platform;

/// <summary>
/// The one composition of Vigil's application layer, used by <c>vigil serve</c>, by every CLI
/// command (through <see cref="PlatformSession"/>) and by the tests: the record's stores, the
/// security event sink, the registry cache, the trust response and every use case, over one data
/// folder and its opened record.
/// </summary>
public static class VigilPlatform
{
    /// <summary>
    /// Registers the platform over <paramref name="folder"/> and the record <paramref name="record"/>
    /// makes (the container owns it). The clock is the system's unless a <see cref="TimeProvider"/>
    /// is registered first; the security event sink logs and counts on the host's meter when the
    /// host registers logging and metrics.
    /// </summary>
    public static IServiceCollection AddVigilPlatform(this IServiceCollection services, DataFolder folder, Func<IServiceProvider, RecordStore> record, IStaffPasswords passwords)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return services.AddVigilPlatform(_ => folder, record, passwords);
    }

    /// <summary>
    /// Registers the platform over the data folder <paramref name="folder"/> names once the container
    /// exists (a host whose folder comes from its options), and the record <paramref name="record"/> makes.
    /// </summary>
    public static IServiceCollection AddVigilPlatform(this IServiceCollection services, Func<IServiceProvider, DataFolder> folder, Func<IServiceProvider, RecordStore> record, IStaffPasswords passwords)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(passwords);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(folder);
        services.AddSingleton(passwords);
        services.AddSingleton(record);
        services.AddSingleton(sp => sp.GetRequiredService<RecordStore>().Registry);
        services.AddSingleton(sp => sp.GetRequiredService<RecordStore>().Batches);
        services.AddSingleton(sp => sp.GetRequiredService<RecordStore>().Events);
        services.AddSingleton(sp => sp.GetRequiredService<RecordStore>().Readings);
        services.AddSingleton(sp => sp.GetRequiredService<RecordStore>().Trust);
        services.AddSingleton(sp => sp.GetRequiredService<RecordStore>().Clinical);
        services.AddSingleton(sp => sp.GetRequiredService<RecordStore>().Ledger);
        services.AddSingleton(sp => sp.GetRequiredService<RecordStore>().Access);
        services.AddSingleton(sp => new CosignedCheckpoints(sp.GetRequiredService<DataFolder>().Root));
        services.AddSingleton<SecurityEventSink>();
        // The change feed belongs to the record, which closes it: the container is not given it to dispose.
        services.AddSingleton(sp => new RegistryCache(
            sp.GetRequiredService<IRegistry>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ITrustStore>(),
            sp.GetRequiredService<RecordStore>().Changes, sp.GetService<ILogger<RegistryCache>>()));
        services.AddSingleton<TrustResponse>();
        services.AddSingleton<CalibrationService>();
        services.AddSingleton<RecallService>();
        services.AddSingleton<FirmwareAllowList>();
        services.AddSingleton<AlertDesk>();
        services.AddSingleton<DeviceEnrollment>();
        services.AddSingleton<DeviceAdministration>();
        services.AddSingleton<PatientAdmission>();
        services.AddSingleton<StaffAdministration>();
        services.AddSingleton<BreakGlassReview>();
        services.AddOptions<AccessPolicyOptions>();
        services.AddSingleton<StaffSignIn>();
        services.AddSingleton<BreakGlassDesk>();
        services.AddSingleton<KeyRotation>();
        services.AddSingleton<RecordAuditing>();
        services.AddVigilQueries();
        return services;
    }
}

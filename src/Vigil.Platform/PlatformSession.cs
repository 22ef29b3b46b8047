using Microsoft.Extensions.DependencyInjection;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Access;
using Vigil.Record;

namespace Vigil.Platform;

/// <summary>
/// The platform over a data folder's opened record for one piece of work (a CLI command, a
/// test): the services of <see cref="VigilPlatform.AddVigilPlatform(IServiceCollection, DataFolder, Func{IServiceProvider, RecordStore}, IStaffPasswords)"/>, which own the record.
/// Disposing the session disposes them, the record last, after the security events raised are
/// stored.
/// </summary>
public sealed class PlatformSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private PlatformSession(ServiceProvider services)
    {
        _services = services;
        Record = services.GetRequiredService<RecordStore>();
    }

    /// <summary>The record.</summary>
    public RecordStore Record { get; }

    /// <summary>The platform's services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The platform over <paramref name="record"/>, which the session owns from now on.</summary>
    public static PlatformSession Open(DataFolder folder, RecordStore record, IStaffPasswords passwords, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(record);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddVigilPlatform(folder, _ => record, passwords);
        return new PlatformSession(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    /// <summary>A service of the platform.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

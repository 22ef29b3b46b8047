using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Platform.Queries;

/// <summary>Registers the query services through which hosts read the record.</summary>
internal static class QueryServices
{
    /// <summary>
    /// Adds <see cref="CareAccess"/>, <see cref="PatientViews"/>, <see cref="AlertViews"/>,
    /// <see cref="FleetViews"/>, <see cref="SecurityViews"/>, <see cref="LedgerViews"/> and
    /// <see cref="StaffDirectory"/>, over the record's stores (and the record itself) as the host registers them.
    /// </summary>
    public static IServiceCollection AddVigilQueries(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<CareAccess>();
        services.AddSingleton<PatientViews>();
        services.AddSingleton<AlertViews>();
        services.AddSingleton<FleetViews>();
        services.AddSingleton<SecurityViews>();
        services.AddSingleton<LedgerViews>();
        services.AddSingleton<StaffDirectory>();
        return services;
    }
}

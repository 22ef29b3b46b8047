using Vigil.Domain.Clinical;

namespace Vigil.Platform.Queries;

/// <summary>A patient's alerts that are not yet escalated or dismissed, newest first, and how many of them rest on unconfirmed data.</summary>
/// <param name="Alerts">The alerts.</param>
/// <param name="Unconfirmed">How many rest on data that is not Verified and that no clinician has confirmed.</param>
public sealed record OpenAlerts(IReadOnlyList<Alert> Alerts, int Unconfirmed)
{
    /// <summary>The tally of a list of open alerts.</summary>
    public static OpenAlerts Of(IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return new OpenAlerts(alerts, alerts.Count(a => a.Unconfirmed));
    }
}

using Vigil.Platform.Queries;

namespace Vigil.Server.Http.Api;

/// <summary>A patient on a clinician's list: who, why they may see them, the latest vitals with their integrity, and open alerts.</summary>
/// <param name="Id">The patient id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Mrn">The hospital identifier, if known.</param>
/// <param name="GlucoseUnit">How glucose is shown for this patient.</param>
/// <param name="Access">Why the user may see them: <c>care-team</c> or <c>break-glass</c>.</param>
/// <param name="BreakGlassUntil">Until when, under break-glass.</param>
/// <param name="Latest">The latest reading of each kind.</param>
/// <param name="ActiveAlerts">Alerts not yet escalated or dismissed.</param>
/// <param name="UnconfirmedAlerts">Of those, the ones resting on data that is not Verified.</param>
internal sealed record PatientSummaryView(
    string Id, string Name, string? Mrn, string GlucoseUnit, string Access, DateTimeOffset? BreakGlassUntil, IReadOnlyList<ReadingView> Latest,
    int ActiveAlerts, int UnconfirmedAlerts)
{
    /// <summary>The view of a summary.</summary>
    public static PatientSummaryView Of(PatientSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var p = summary.Patient;
        return new PatientSummaryView(
            p.Id.Value, p.DisplayName, p.Mrn, p.GlucoseUnit, summary.Access, summary.BreakGlassUntil, [.. summary.Latest.Select(ReadingView.Of)],
            summary.ActiveAlerts, summary.UnconfirmedAlerts);
    }
}

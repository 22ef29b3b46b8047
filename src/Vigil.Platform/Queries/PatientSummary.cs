using Vigil.Record.Readings;
using Vigil.Record.Registry;

namespace Vigil.Platform.Queries;

/// <summary>A patient on a clinician's list: who, why the clinician may see them, the latest vitals with their verdicts, and open alerts.</summary>
/// <param name="Patient">The patient.</param>
/// <param name="Access">Why the clinician may see them: <c>care-team</c> or <c>break-glass</c>.</param>
/// <param name="BreakGlassUntil">Until when, under break-glass.</param>
/// <param name="Latest">The latest reading of each kind but the ECG waveform.</param>
/// <param name="ActiveAlerts">Alerts not yet escalated or dismissed.</param>
/// <param name="UnconfirmedAlerts">Of those, the ones resting on data that is not Verified.</param>
public sealed record PatientSummary(
    PatientRecord Patient, string Access, DateTimeOffset? BreakGlassUntil, IReadOnlyList<StoredReading> Latest, int ActiveAlerts, int UnconfirmedAlerts);

using System.Globalization;
using Hl7.Fhir.Model;
using Vigil.Domain.Verification;
using Vigil.Fhir.Codes;
using Vigil.Fhir.Ids;
using Vigil.Record.Readings;

namespace Vigil.Fhir.Observations;

/// <summary>
/// The DetectedIssue that says why a reading is Suspect or Rejected: one evidence entry per
/// reason code, with its meaning, implicating the reading's Observation. It shares the
/// Observation's id and version, so each verdict revision is a new version of both. When a
/// revision clears a reading (Verified after version 1) the issue is <c>cancelled</c>, so that
/// the earlier version stays in its history and no longer stands.
/// </summary>
public static class VerdictIssues
{
    /// <summary>The DetectedIssue of a reading's verdict; null for a reading Verified at ingest and never revised.</summary>
    public static DetectedIssue? ToFhir(StoredReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var verdict = reading.Verdict;
        if (verdict.Status == VerdictStatus.Verified && reading.VerdictVersion <= 1)
        {
            return null;
        }

        var device = reading.DeviceId.ToString();
        var issue = new DetectedIssue
        {
            Id = ResourceIds.Reading(device, reading.Sequence, reading.Index),
            Meta = new Meta { VersionId = reading.VerdictVersion.ToString(CultureInfo.InvariantCulture) },
            Status = verdict.Status == VerdictStatus.Verified ? ObservationStatus.Cancelled : ObservationStatus.Final,
            Code = new CodeableConcept { Coding = [VerdictMarking.StatusCoding(verdict.Status)], Text = VerdictMarking.Summary(verdict) },
            Severity = verdict.Status switch
            {
                VerdictStatus.Rejected => DetectedIssue.DetectedIssueSeverity.High,
                VerdictStatus.Suspect => DetectedIssue.DetectedIssueSeverity.Moderate,
                _ => null,
            },
            Implicated = [References.Reading(device, reading.Sequence, reading.Index)],
            Detail = verdict.Status == VerdictStatus.Verified
                ? $"Verdict version {reading.VerdictVersion} ({reading.VerdictCause}) clears the reading: the earlier issue no longer applies."
                : $"{VerdictMarking.Summary(verdict)}. Verdict version {reading.VerdictVersion}, given by {reading.VerdictCause}.",
            Evidence = [.. verdict.Reasons.Select(Evidence)],
        };
        if (reading.PatientId is { } patient)
        {
            issue.Patient = References.Patient(patient.Value);
        }

        return issue;
    }

    private static DetectedIssue.EvidenceComponent Evidence(string reason) => new()
    {
        Code = [Concepts.Of(CodeSystems.VerdictReason, reason, ReasonMeanings.Of(reason), ReasonMeanings.Of(reason))],
    };
}

using Hl7.Fhir.Model;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Fhir.Codes;
using Vigil.Fhir.Observations;

namespace Vigil.Fhir.Tests;

public sealed class VerdictMappingTests
{
    /// <summary>Reason codes, the status, the interpretation's first code or null, the security label or null.</summary>
    public static TheoryData<string[], ObservationStatus, string?, string?> Verdicts => new()
    {
        { [], ObservationStatus.Final, null, null },
        { [ReasonCodes.OutOfRange], ObservationStatus.Preliminary, "IND", "UNCERTREL" },
        { [ReasonCodes.Quarantined, ReasonCodes.Recall], ObservationStatus.Preliminary, "IND", "UNCERTREL" },
        { [ReasonCodes.SensorError], ObservationStatus.EnteredInError, "IND", "UNRELIABLE" },
        { [ReasonCodes.OutOfRange, ReasonCodes.Impossible], ObservationStatus.EnteredInError, "IND", "UNRELIABLE" },
        { [ReasonCodes.ClockInvalid], ObservationStatus.EnteredInError, "IND", "UNRELIABLE" },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void ToFhir_Verdict_ShowsInStandardElements(string[] reasons, ObservationStatus status, string? interpretation, string? label)
    {
        var observation = Samples.Observation(Samples.Reading(MeasurementKind.Glucose, Verdict.Of(reasons)));

        Assert.Equal(status, observation.Status);
        Assert.Equal(interpretation, observation.Interpretation.FirstOrDefault()?.Coding[0].Code);
        Assert.Equal(label, observation.Meta!.Security.SingleOrDefault()?.Code);
        if (label is not null)
        {
            Assert.Equal(CodeSystems.SecurityObservationValue, observation.Meta.Security[0].System);
            Assert.All(reasons, r => Assert.Contains(r, observation.Note[0].Text, StringComparison.Ordinal));
        }
    }

    public static TheoryData<string> EveryReason => [.. ReasonCodes.Known.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(EveryReason))]
    public void ToFhir_AnyReason_NeverLooksFinal(string reason)
    {
        foreach (var kind in Enum.GetValues<MeasurementKind>())
        {
            var observation = Samples.Observation(Samples.Reading(kind, Verdict.Of([reason])));

            Assert.DoesNotContain(observation.Status, new ObservationStatus?[] { ObservationStatus.Final, ObservationStatus.Amended, ObservationStatus.Corrected });
            Assert.NotEmpty(observation.Meta!.Security);
            Assert.Contains(observation.Interpretation, i => i.Coding.Any(c => c.System == CodeSystems.Interpretation && c.Code == "IND"));
        }
    }

    [Fact]
    public void DetectedIssue_Suspect_ExplainsEachReasonAndImplicatesTheObservation()
    {
        var reading = Samples.Reading(MeasurementKind.Glucose, Verdict.Of([ReasonCodes.RateOfChange, ReasonCodes.Drift]));

        var issue = VerdictIssues.ToFhir(reading)!;

        Assert.Equal(ObservationStatus.Final, issue.Status);
        Assert.Equal(DetectedIssue.DetectedIssueSeverity.Moderate, issue.Severity);
        Assert.Equal("Observation/" + Samples.Observation(reading).Id, Assert.Single(issue.Implicated).Reference);
        Assert.Equal([ReasonCodes.Drift, ReasonCodes.RateOfChange], issue.Evidence.Select(e => e.Code[0].Coding[0].Code));
        Assert.All(issue.Evidence, e => Assert.Equal(ReasonMeanings.Of(e.Code[0].Coding[0].Code), e.Code[0].Coding[0].Display));
        Assert.Equal("Patient/p-1", issue.Patient.Reference);
    }

    [Fact]
    public void DetectedIssue_Rejected_IsHighSeverity()
    {
        var issue = VerdictIssues.ToFhir(Samples.Reading(MeasurementKind.Glucose, Verdict.Of([ReasonCodes.Impossible])))!;

        Assert.Equal(DetectedIssue.DetectedIssueSeverity.High, issue.Severity);
        Assert.Equal("rejected", issue.Code.Coding[0].Code);
    }

    [Fact]
    public void DetectedIssue_VerifiedAtIngest_IsNone()
    {
        Assert.Null(VerdictIssues.ToFhir(Samples.Reading(MeasurementKind.Glucose)));
    }

    [Fact]
    public void Revision_IsANewVersionOfTheSameResources()
    {
        var first = Samples.Reading(MeasurementKind.Glucose, Verdict.Of([ReasonCodes.OutOfRange]));
        var revised = first with { Verdict = Verdict.Of([ReasonCodes.OutOfRange, ReasonCodes.Recall]), VerdictVersion = 2, VerdictCause = "recall 3" };

        var (before, after) = (Samples.Observation(first), Samples.Observation(revised));
        var (issueBefore, issueAfter) = (VerdictIssues.ToFhir(first)!, VerdictIssues.ToFhir(revised)!);

        Assert.Equal(before.Id, after.Id);
        Assert.Equal(("1", "2"), (before.Meta!.VersionId, after.Meta!.VersionId));
        Assert.Equal(issueBefore.Id, issueAfter.Id);
        Assert.Equal(("1", "2"), (issueBefore.Meta!.VersionId, issueAfter.Meta!.VersionId));
        Assert.Contains("recall 3", issueAfter.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Revision_ThatClearsAReading_CancelsItsIssueAndMakesItFinal()
    {
        var cleared = Samples.Reading(MeasurementKind.Glucose, Verdict.Verified, version: 2, cause: "cross-sensor");

        var issue = VerdictIssues.ToFhir(cleared)!;

        Assert.Equal(ObservationStatus.Cancelled, issue.Status);
        Assert.Equal("2", issue.Meta!.VersionId);
        Assert.Equal(ObservationStatus.Final, Samples.Observation(cleared).Status);
    }

    [Fact]
    public void ReasonMeanings_CoverEveryReasonCode()
    {
        Assert.All(ReasonCodes.Known, code => Assert.True(ReasonMeanings.Has(code), $"no meaning for {code}"));
    }
}

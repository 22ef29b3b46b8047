using Hl7.Fhir.Model;
using Vigil.Domain.Verification;
using Vigil.Fhir.Codes;

namespace Vigil.Fhir.Observations;

/// <summary>
/// How a verdict shows in standard elements, so that an EHR that reads no extension still never
/// takes a Suspect or Rejected reading for a final one (docs/fhir.md, "Suspect and rejected").
/// <list type="bullet">
/// <item>Verified: <c>final</c>, no interpretation, no label.</item>
/// <item>Suspect: <c>preliminary</c> ("may be incomplete or unverified"): the reading is real but
/// waits for a confirmation; interpretation <c>IND</c> (indeterminate); security label
/// <c>UNCERTREL</c> (uncertain reliability).</item>
/// <item>Rejected: <c>entered-in-error</c>, not <c>cancelled</c>: cancelled says the measurement
/// was never completed, which is false (Vigil keeps the value as evidence), and FHIR's status
/// lifecycle lets a reading that was once <c>final</c> move to entered-in-error but not to
/// cancelled, which a later verdict revision needs; every EHR hides entered-in-error data from
/// clinical views. Interpretation <c>IND</c>; label <c>UNRELIABLE</c>.</item>
/// </list>
/// </summary>
public static class VerdictMarking
{
    /// <summary>The Observation status a verdict gives.</summary>
    public static ObservationStatus StatusOf(VerdictStatus status) => status switch
    {
        VerdictStatus.Verified => ObservationStatus.Final,
        VerdictStatus.Suspect => ObservationStatus.Preliminary,
        VerdictStatus.Rejected => ObservationStatus.EnteredInError,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown verdict status."),
    };

    /// <summary>The interpretation of a verdict that is not Verified; null for Verified.</summary>
    public static CodeableConcept? InterpretationOf(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Status == VerdictStatus.Verified)
        {
            return null;
        }

        var concept = Concepts.Of(CodeSystems.Interpretation, "IND", "Indeterminate");
        concept.Coding.Add(StatusCoding(verdict.Status));
        concept.Text = Summary(verdict);
        return concept;
    }

    /// <summary>The integrity-confidence security label of a verdict that is not Verified; null for Verified.</summary>
    public static Coding? SecurityLabelOf(VerdictStatus status) => status switch
    {
        VerdictStatus.Verified => null,
        VerdictStatus.Suspect => Concepts.Coding(CodeSystems.SecurityObservationValue, "UNCERTREL", "uncertain reliability"),
        VerdictStatus.Rejected => Concepts.Coding(CodeSystems.SecurityObservationValue, "UNRELIABLE", "unreliable"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown verdict status."),
    };

    /// <summary>The verdict status as a coding of Vigil's verdict status system.</summary>
    public static Coding StatusCoding(VerdictStatus status) => status switch
    {
        VerdictStatus.Verified => Concepts.Coding(CodeSystems.VerdictStatus, "verified", "Verified"),
        VerdictStatus.Suspect => Concepts.Coding(CodeSystems.VerdictStatus, "suspect", "Suspect"),
        VerdictStatus.Rejected => Concepts.Coding(CodeSystems.VerdictStatus, "rejected", "Rejected"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown verdict status."),
    };

    /// <summary>One line for people: the status and each reason with its meaning.</summary>
    public static string Summary(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var status = verdict.Status switch
        {
            VerdictStatus.Verified => "Vigil verdict: verified",
            VerdictStatus.Suspect => "Vigil verdict: SUSPECT, do not use alone",
            _ => "Vigil verdict: REJECTED, not a usable measurement",
        };
        return verdict.Reasons.Count == 0
            ? status
            : $"{status} ({string.Join("; ", verdict.Reasons.Select(r => $"{r}: {ReasonMeanings.Of(r)}"))})";
    }
}

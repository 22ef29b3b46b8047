using Hl7.Fhir.Model;
using Vigil.Domain.Readings;
using Vigil.Fhir.Codes;

namespace Vigil.Fhir.Observations;

/// <summary>
/// The code, category and profile of each measurement kind (the table in docs/fhir.md, with the
/// source of every code). LOINC where LOINC has the concept, with the FHIR Vital Signs codes and
/// profiles where they apply; MDC beside LOINC where the device's own nomenclature names it; a
/// Vigil code where neither does.
/// </summary>
public static class ObservationCodes
{
    /// <summary>The FHIR R4 Vital Signs base profile.</summary>
    public const string VitalSignsProfile = "http://hl7.org/fhir/StructureDefinition/vitalsigns";

    private const string ProfileRoot = "http://hl7.org/fhir/StructureDefinition/";

    /// <summary>The Observation.code of a reading.</summary>
    /// <param name="kind">What the reading measures.</param>
    /// <param name="unit">Its unit (glucose has a LOINC code per unit).</param>
    /// <param name="code">The reading's own code, for the kinds that carry one (the VOC compound).</param>
    public static CodeableConcept CodeOf(MeasurementKind kind, string unit, string? code) => kind switch
    {
        MeasurementKind.Glucose when unit == "mmol/L" => Loinc("105272-9", "Glucose [Moles/volume] in Interstitial fluid"),
        MeasurementKind.Glucose => Loinc("99504-3", "Glucose [Mass/volume] in Interstitial fluid"),
        MeasurementKind.GlucoseTrend => Vigil("glucose-trend", "Glucose rate of change in interstitial fluid"),
        MeasurementKind.OxygenSaturation => Loinc("2708-6", "Oxygen saturation in Arterial blood")
            .And(CodeSystems.Loinc, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
        MeasurementKind.PulseRate => Loinc("8867-4", "Heart rate")
            .And(CodeSystems.Loinc, "8889-8", "Heart rate by Pulse oximetry"),
        MeasurementKind.BloodPressure => Loinc("85354-9", "Blood pressure panel with all children optional"),
        MeasurementKind.HeartRate => Loinc("8867-4", "Heart rate")
            .And(CodeSystems.Mdc, "147842", "MDC_ECG_HEART_RATE"),
        MeasurementKind.EcgWaveform => Concepts.Of(CodeSystems.Mdc, "131328", "MDC_ECG_ELEC_POTL", "ECG lead, single lead"),
        MeasurementKind.BreathVoc => Concepts.Of(
            CodeSystems.BreathVoc, code ?? throw new ArgumentException("A breath VOC reading names its compound.", nameof(code)), code, $"Breath VOC: {code}"),
        MeasurementKind.BreathDiagnosis => Vigil("breath-diagnosis", "Breath test diagnostic result"),
        MeasurementKind.BodyTemperature => Loinc("8310-5", "Body temperature"),
        MeasurementKind.RespiratoryRate => Loinc("9279-1", "Respiratory rate"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown measurement kind."),
    };

    /// <summary>The observation-category code of a kind.</summary>
    public static string CategoryOf(MeasurementKind kind) => kind switch
    {
        MeasurementKind.OxygenSaturation or MeasurementKind.PulseRate or MeasurementKind.BloodPressure or MeasurementKind.HeartRate
            or MeasurementKind.BodyTemperature or MeasurementKind.RespiratoryRate => "vital-signs",
        MeasurementKind.EcgWaveform => "procedure",
        MeasurementKind.Glucose or MeasurementKind.GlucoseTrend or MeasurementKind.BreathVoc or MeasurementKind.BreathDiagnosis => "laboratory",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown measurement kind."),
    };

    /// <summary>The FHIR R4 Vital Signs profile a kind conforms to; null for kinds outside it.</summary>
    public static string? ProfileOf(MeasurementKind kind) => kind switch
    {
        MeasurementKind.OxygenSaturation => ProfileRoot + "oxygensat",
        MeasurementKind.PulseRate or MeasurementKind.HeartRate => ProfileRoot + "heartrate",
        MeasurementKind.BloodPressure => ProfileRoot + "bp",
        MeasurementKind.BodyTemperature => ProfileRoot + "bodytemp",
        MeasurementKind.RespiratoryRate => ProfileRoot + "resprate",
        _ => null,
    };

    /// <summary>The category as a CodeableConcept.</summary>
    public static CodeableConcept Category(MeasurementKind kind)
    {
        var code = CategoryOf(kind);
        var display = code switch
        {
            "vital-signs" => "Vital Signs",
            "procedure" => "Procedure",
            _ => "Laboratory",
        };
        return Concepts.Of(CodeSystems.ObservationCategory, code, display);
    }

    /// <summary>
    /// The UCUM code of a Vigil unit: Vigil's units are UCUM codes except <c>ppb</c>, whose UCUM
    /// code is <c>[ppb]</c>.
    /// </summary>
    public static string UcumOf(string unit) => unit == "ppb" ? "[ppb]" : unit;

    /// <summary>A quantity in UCUM.</summary>
    public static Quantity Quantity(double value, string unit) => new()
    {
        Value = (decimal)value,
        Unit = unit,
        System = CodeSystems.Ucum,
        Code = UcumOf(unit),
    };

    private static CodeableConcept Loinc(string code, string display) => Concepts.Of(CodeSystems.Loinc, code, display, display);

    private static CodeableConcept Vigil(string code, string display) => Concepts.Of(CodeSystems.VigilObservation, code, display, display);
}

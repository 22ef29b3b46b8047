using Hl7.Fhir.Model;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Fhir.Codes;

namespace Vigil.Fhir.Devices;

/// <summary>
/// Device.type per sensor kind: the ISO/IEEE 11073-10101 device specialization codes
/// (MDC_DEV_SPEC_PROFILE_*, listed in the HL7 Personal Health Device IG's value set
/// DeviceTypes11073MDC). The breath-analysis mask has no specialization, so it has a Vigil code.
/// </summary>
public static class DeviceTypes
{
    /// <summary>The type of a sensor kind.</summary>
    public static CodeableConcept Of(SensorKind kind) => kind switch
    {
        SensorKind.ContinuousGlucoseMonitor => Mdc("528409", "MDC_DEV_SPEC_PROFILE_CGM", "Continuous glucose monitor"),
        SensorKind.PulseOximeter => Mdc("528388", "MDC_DEV_SPEC_PROFILE_PULS_OXIM", "Pulse oximeter"),
        SensorKind.BloodPressureCuff => Mdc("528391", "MDC_DEV_SPEC_PROFILE_BP", "Blood pressure monitor"),
        SensorKind.EcgPatch => Mdc("528390", "MDC_DEV_SPEC_PROFILE_MIN_ECG", "Electrocardiograph"),
        SensorKind.BreathAnalysisMask => Concepts.Of(CodeSystems.VigilDeviceType, "breath-analysis-mask", "Breath-analysis diagnostic mask", "Breath-analysis diagnostic mask"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sensor kind."),
    };

    /// <summary>The sensor kind that produces a measurement kind (the device's kind when the registry does not say).</summary>
    public static SensorKind SensorOf(MeasurementKind kind) => kind switch
    {
        MeasurementKind.Glucose or MeasurementKind.GlucoseTrend => SensorKind.ContinuousGlucoseMonitor,
        MeasurementKind.OxygenSaturation or MeasurementKind.PulseRate => SensorKind.PulseOximeter,
        MeasurementKind.BloodPressure => SensorKind.BloodPressureCuff,
        MeasurementKind.HeartRate or MeasurementKind.EcgWaveform => SensorKind.EcgPatch,
        MeasurementKind.BreathVoc or MeasurementKind.BreathDiagnosis or MeasurementKind.BodyTemperature or MeasurementKind.RespiratoryRate =>
            SensorKind.BreathAnalysisMask,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown measurement kind."),
    };

    private static CodeableConcept Mdc(string code, string name, string text) =>
        Concepts.Of(CodeSystems.Mdc, code, name, text);
}

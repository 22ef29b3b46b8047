using System.Globalization;
using Hl7.Fhir.Model;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Fhir.Codes;
using Vigil.Fhir.Ids;
using Vigil.Record.Readings;

namespace Vigil.Fhir.Observations;

/// <summary>
/// A stored reading as a FHIR R4 Observation. The id is the reading's (device, sequence, index),
/// <c>meta.versionId</c> its verdict version, so a verdict revision is a new version of the same
/// resource and the history is kept. Its verdict shows in status, interpretation, security label
/// and note (<see cref="VerdictMarking"/>); <see cref="VerdictIssues"/> adds the DetectedIssue.
/// </summary>
public static class ObservationMapping
{
    /// <summary>The Observation of a reading.</summary>
    /// <param name="reading">The reading as the record keeps it.</param>
    /// <param name="waveform">For an ECG, the samples from the device's signed batch (the record
    /// keeps them there, not with the reading); without them the Observation says the data is absent.</param>
    public static Observation ToFhir(StoredReading reading, Waveform? waveform = null)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var device = reading.DeviceId.ToString();
        var meta = new Meta { VersionId = reading.VerdictVersion.ToString(CultureInfo.InvariantCulture) };
        var observation = new Observation
        {
            Id = ResourceIds.Reading(device, reading.Sequence, reading.Index),
            Meta = meta,
            Identifier = [new Identifier(CodeSystems.ReadingId, string.Create(CultureInfo.InvariantCulture, $"{device}#{reading.Sequence}#{reading.Index}"))],
            Status = VerdictMarking.StatusOf(reading.Verdict.Status),
            Category = [ObservationCodes.Category(reading.Kind)],
            Code = ObservationCodes.CodeOf(reading.Kind, reading.Unit, reading.Code),
            Effective = new FhirDateTime(reading.At.ToUniversalTime()),
            Issued = reading.ReceivedAt.ToUniversalTime(),
            Device = References.Device(device),
        };
        if (reading.PatientId is { } patient)
        {
            observation.Subject = References.Patient(patient.Value);
            if (ObservationCodes.ProfileOf(reading.Kind) is { } profile)
            {
                // The Vital Signs profiles require a Patient subject; a reading from an unbound device cannot claim them.
                meta.Profile = [profile];
            }
        }

        SetValue(observation, reading, waveform);
        Mark(observation, meta, reading.Verdict);
        return observation;
    }

    private static void SetValue(Observation observation, StoredReading reading, Waveform? waveform)
    {
        switch (reading.Kind)
        {
            case MeasurementKind.BloodPressure:
                observation.Component =
                [
                    Component(CodeSystems.Loinc, "8480-6", "Systolic blood pressure", reading.Values[0], reading),
                    Component(CodeSystems.Loinc, "8462-4", "Diastolic blood pressure", reading.Values[1], reading),
                    Component(CodeSystems.Loinc, "8478-0", "Mean blood pressure", reading.Values[2], reading),
                ];
                break;
            case MeasurementKind.EcgWaveform when waveform is not null:
                observation.Value = WaveformData.ToSampledData(waveform, reading.Unit);
                break;
            case MeasurementKind.EcgWaveform:
                observation.DataAbsentReason = Concepts.Of(CodeSystems.DataAbsentReason, "unknown", "Unknown", "Samples are in the device's signed batch");
                break;
            case MeasurementKind.BreathDiagnosis:
                BreathResult.Set(observation, reading);
                break;
            default:
                observation.Value = Measured(reading.Values[0], reading);
                break;
        }
    }

    private static Observation.ComponentComponent Component(string system, string code, string display, double value, StoredReading reading) => new()
    {
        Code = Concepts.Of(system, code, display, display),
        Value = Measured(value, reading),
    };

    /// <summary>A value with its unit; a value at the end of the sensor's range says so with a comparator.</summary>
    private static Quantity Measured(double value, StoredReading reading)
    {
        var quantity = ObservationCodes.Quantity(value, reading.Unit);
        if (reading.Flags.HasFlag(ReadingFlags.BelowRange))
        {
            quantity.Comparator = Quantity.QuantityComparator.LessThan;
        }
        else if (reading.Flags.HasFlag(ReadingFlags.AboveRange))
        {
            quantity.Comparator = Quantity.QuantityComparator.GreaterThan;
        }

        return quantity;
    }

    private static void Mark(Observation observation, Meta meta, Verdict verdict)
    {
        if (VerdictMarking.InterpretationOf(verdict) is { } interpretation)
        {
            observation.Interpretation.Add(interpretation);
        }

        if (VerdictMarking.SecurityLabelOf(verdict.Status) is { } label)
        {
            meta.Security = [label];
        }

        if (verdict.Status != VerdictStatus.Verified)
        {
            observation.Note = [new Annotation { Text = new Markdown(VerdictMarking.Summary(verdict)) }];
        }
    }
}

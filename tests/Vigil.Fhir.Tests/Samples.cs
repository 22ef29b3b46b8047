using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hl7.Fhir.Model;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Fhir.Batches;
using Vigil.Fhir.Devices;
using Vigil.Fhir.Observations;
using Vigil.Fhir.Patients;
using Vigil.Record.Batches;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;
using Vigil.Record.Registry;

namespace Vigil.Fhir.Tests;

/// <summary>Fixed Vigil data and the resources the mapping makes of it: the goldens and the validation use the same.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset At = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static readonly DateTimeOffset Received = At.AddSeconds(2);

    public static readonly DeviceId Cgm = DeviceId.Parse("cgm-1");

    public static readonly Waveform Ecg = new(250, 2.5, new short[] { 0, 12, 60, 480, -100, -20, 0, 8, 16, 4 });

    /// <summary>A reading of a kind with values that its kind allows.</summary>
    public static StoredReading Reading(MeasurementKind kind, Verdict? verdict = null, int version = 1, string cause = "ingest", string? patient = "p-1", int index = 0)
    {
        (double[] values, string unit, string? code) = kind switch
        {
            MeasurementKind.Glucose => (new double[] { 104.0 }, "mg/dL", null),
            MeasurementKind.GlucoseTrend => (new double[] { -1.5 }, "mg/dL/min", null),
            MeasurementKind.OxygenSaturation => (new double[] { 97.0 }, "%", null),
            MeasurementKind.PulseRate => (new double[] { 72.0 }, "/min", null),
            MeasurementKind.BloodPressure => (new double[] { 121.0, 79.0, 93.0 }, "mm[Hg]", null),
            MeasurementKind.HeartRate => (new double[] { 71.0 }, "/min", null),
            MeasurementKind.EcgWaveform => (Array.Empty<double>(), "uV", null),
            MeasurementKind.BreathVoc => (new double[] { 182.4 }, "ppb", "acetone"),
            MeasurementKind.BreathDiagnosis => (new double[] { 0.0, 0.91 }, "1", "53084003"),
            MeasurementKind.BodyTemperature => (new double[] { 36.8 }, "Cel", null),
            MeasurementKind.RespiratoryRate => (new double[] { 15.0 }, "/min", (string?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return new StoredReading(
            DeviceId.Parse(DevicePrefix(kind) + "-1"), 3, index, patient is null ? null : PatientId.Parse(patient), kind, At, Received, values, unit, ReadingFlags.None, code,
            verdict ?? Verdict.Verified, version, cause);
    }

    public static string DevicePrefix(MeasurementKind kind) => DeviceTypes.SensorOf(kind) switch
    {
        SensorKind.ContinuousGlucoseMonitor => "cgm",
        SensorKind.PulseOximeter => "oxi",
        SensorKind.BloodPressureCuff => "bp",
        SensorKind.EcgPatch => "ecg",
        _ => "breath",
    };

    public static Observation Observation(StoredReading reading) =>
        ObservationMapping.ToFhir(reading, reading.Kind == MeasurementKind.EcgWaveform ? Ecg : null);

    public static PatientRecord Patient => new(PatientId.Parse("p-1"), "Ada Example", At.AddDays(-30), ["cgm-1"], Mrn: "MRN-0042");

    public static DeviceRecord Device(DeviceStatus status, string? reason = null) =>
        new(Cgm, "6b1d", MakerCertificate, "GlucoWatch G7", "LOT-2026-03", "SN-000123", "2.4.1", status, PatientId.Parse("p-1"), At.AddDays(-30), reason);

    public static RelayRecord Relay => new(RelayId.Parse("hub-7"), "a1b2", MakerCertificate, At.AddDays(-30), ["cgm-1"]);

    public static StoredBatch Batch => new(Cgm, 3, At, Received, "mqtt relay hub-7", new byte[32], SignedBatch, 2, false);

    /// <summary>Stand-in for a device's COSE_Sign1: the mapping carries the bytes, whatever they are.</summary>
    public static readonly byte[] SignedBatch = [0xd2, 0x84, 0x43, 0xa1, 0x01, 0x26, 0xa0, 0x44, 0xde, 0xad, 0xbe, 0xef, 0x40];

    public static LedgerAnchor Anchor => new(17, "cgm-1#3", new StoredCheckpoint(18, "vigil.example/ledger\n18\nAAAA\n\n— vigil abcd\n", At.AddMinutes(1)));

    /// <summary>A device certificate issued by a maker CA named "Example Medical Devices CA"; only the issuer's name reaches FHIR.</summary>
    public static readonly byte[] MakerCertificate = IssueCertificate();

    /// <summary>Every resource kind the mapping produces, named for its golden file.</summary>
    public static IEnumerable<(string Name, Resource Resource)> All()
    {
        yield return ("patient-identifiers", PatientMapping.ToFhir(Patient, PatientView.IdentifiersOnly));
        yield return ("patient-full", PatientMapping.ToFhir(Patient, PatientView.Full));
        yield return ("device-active", DeviceMapping.ToFhir(Device(DeviceStatus.Active), SensorKind.ContinuousGlucoseMonitor));
        yield return ("device-quarantined", DeviceMapping.ToFhir(Device(DeviceStatus.Quarantined, "clone suspected"), SensorKind.ContinuousGlucoseMonitor));
        yield return ("device-revoked", DeviceMapping.ToFhir(Device(DeviceStatus.Revoked, "key compromised"), SensorKind.ContinuousGlucoseMonitor));
        yield return ("device-relay", DeviceMapping.ToFhir(Relay));
        foreach (var kind in Enum.GetValues<MeasurementKind>())
        {
            yield return ($"observation-{Name(kind)}", Observation(Reading(kind)));
        }

        var suspect = Reading(MeasurementKind.Glucose, Verdict.Of([ReasonCodes.RateOfChange, ReasonCodes.Flatline]));
        var rejected = Reading(MeasurementKind.HeartRate, Verdict.Of([ReasonCodes.SensorError]), version: 2, cause: "recall 3");
        var cleared = Reading(MeasurementKind.Glucose, Verdict.Verified, version: 3, cause: "cross-sensor");
        yield return ("observation-suspect", Observation(suspect));
        yield return ("detectedissue-suspect", VerdictIssues.ToFhir(suspect)!);
        yield return ("observation-rejected", Observation(rejected));
        yield return ("detectedissue-rejected", VerdictIssues.ToFhir(rejected)!);
        yield return ("detectedissue-cleared", VerdictIssues.ToFhir(cleared)!);
        yield return ("observation-unbound-device", Observation(Reading(MeasurementKind.HeartRate, patient: null)));
        yield return ("observation-ecg-without-samples", ObservationMapping.ToFhir(Reading(MeasurementKind.EcgWaveform)));
        yield return ("provenance", ProvenanceMapping.ToFhir(Batch, "hub-7", Anchor));
        yield return ("provenance-direct", ProvenanceMapping.ToFhir(Batch with { Source = "mqtt" }, null, Anchor with { Checkpoint = null }));
    }

    public static string Name(MeasurementKind kind) => string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static byte[] IssueCertificate()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Example Medical Devices CA, O=Example Medical", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(At.AddYears(-1), At.AddYears(5));
        var request = new CertificateRequest("CN=cgm-1", deviceKey, HashAlgorithmName.SHA256);
        using var device = request.Create(ca, At.AddYears(-1), At.AddYears(2), [1, 2, 3]);
        return device.RawData;
    }
}

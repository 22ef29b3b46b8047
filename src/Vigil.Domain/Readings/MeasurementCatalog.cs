namespace Vigil.Domain.Readings;

/// <summary>
/// The measurement kinds Vigil knows, with their units and shapes, and the structural check
/// every decoded reading passes before it is believed to be a reading at all.
/// </summary>
public static class MeasurementCatalog
{
    private static readonly Dictionary<MeasurementKind, MeasurementSpec> Specs = new MeasurementSpec[]
    {
        new(MeasurementKind.Glucose, ["mg/dL", "mmol/L"], 1),
        new(MeasurementKind.GlucoseTrend, ["mg/dL/min", "mmol/L/min"], 1),
        new(MeasurementKind.OxygenSaturation, ["%"], 1),
        new(MeasurementKind.PulseRate, ["/min"], 1),
        new(MeasurementKind.BloodPressure, ["mm[Hg]"], 3),
        new(MeasurementKind.HeartRate, ["/min"], 1),
        new(MeasurementKind.EcgWaveform, ["uV"], 0, IsWaveform: true),
        new(MeasurementKind.BreathVoc, ["ppb"], 1, NeedsCode: true),
        new(MeasurementKind.BreathDiagnosis, ["1"], 2, NeedsCode: true),
        new(MeasurementKind.BodyTemperature, ["Cel"], 1),
        new(MeasurementKind.RespiratoryRate, ["/min"], 1),
    }.ToDictionary(s => s.Kind);

    /// <summary>Every known kind.</summary>
    public static IEnumerable<MeasurementSpec> All => Specs.Values;

    /// <summary>Looks up the spec of a kind; false for an unknown kind code.</summary>
    public static bool TryGet(MeasurementKind kind, out MeasurementSpec spec) => Specs.TryGetValue(kind, out spec!);

    /// <summary>The spec of a known kind.</summary>
    public static MeasurementSpec Get(MeasurementKind kind) =>
        TryGet(kind, out var spec) ? spec : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown measurement kind.");

    /// <summary>
    /// Checks a reading's structure against its kind: unit, number of values, code, waveform,
    /// and that every value is finite. Returns null when it conforms, else why not.
    /// </summary>
    public static string? Check(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (!TryGet(reading.Kind, out var spec))
        {
            return $"unknown kind code {(int)reading.Kind}";
        }

        if (!spec.Units.Contains(reading.Unit))
        {
            return $"unit '{reading.Unit}' is not allowed for {spec.Kind}";
        }

        if (reading.Values.Count != spec.ValueCount)
        {
            return $"{spec.Kind} needs {spec.ValueCount} value(s), got {reading.Values.Count}";
        }

        if (reading.Values.Any(v => !double.IsFinite(v)))
        {
            return "values must be finite";
        }

        if (spec.NeedsCode != (reading.Code is not null))
        {
            return spec.NeedsCode ? $"{spec.Kind} needs a code" : $"{spec.Kind} takes no code";
        }

        if (spec.IsWaveform != (reading.Waveform is not null))
        {
            return spec.IsWaveform ? $"{spec.Kind} needs a waveform" : $"{spec.Kind} takes no waveform";
        }

        if (reading.Waveform is { } w && (w.SampleRateHz is < 1 or > 10_000 || !double.IsFinite(w.Scale) || w.Scale <= 0))
        {
            return "waveform sample rate or scale out of range";
        }

        return null;
    }
}

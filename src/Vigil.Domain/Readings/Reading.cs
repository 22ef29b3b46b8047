namespace Vigil.Domain.Readings;

/// <summary>One measurement as the sensor took it.</summary>
/// <param name="Kind">What was measured.</param>
/// <param name="Time">When it was measured, by the device's clock.</param>
/// <param name="Values">The values, in the order <see cref="MeasurementCatalog"/> gives for the kind.</param>
/// <param name="Unit">The UCUM unit of the values (and of the waveform).</param>
/// <param name="Flags">Conditions the sensor reported.</param>
/// <param name="Code">For kinds that need one: the compound or condition the values describe.</param>
/// <param name="Waveform">For waveform kinds: the samples.</param>
public sealed record Reading(
    MeasurementKind Kind,
    DateTimeOffset Time,
    IReadOnlyList<double> Values,
    string Unit,
    ReadingFlags Flags = ReadingFlags.None,
    string? Code = null,
    Waveform? Waveform = null)
{
    /// <summary>A reading with a single value.</summary>
    public static Reading Single(MeasurementKind kind, DateTimeOffset time, double value, string unit, ReadingFlags flags = ReadingFlags.None) =>
        new(kind, time, [value], unit, flags);

    /// <inheritdoc />
    public bool Equals(Reading? other) =>
        other is not null
        && Kind == other.Kind
        && Time == other.Time
        && Values.SequenceEqual(other.Values)
        && Unit == other.Unit
        && Flags == other.Flags
        && Code == other.Code
        && Equals(Waveform, other.Waveform);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Time, Values.Count, Unit, Flags, Code);
}

namespace Vigil.Domain.Readings;

/// <summary>The shape a reading of one kind must have.</summary>
/// <param name="Kind">The kind described.</param>
/// <param name="Units">The UCUM units accepted, the first being canonical.</param>
/// <param name="ValueCount">How many values a reading carries.</param>
/// <param name="NeedsCode">Whether a code (compound, condition) is required.</param>
/// <param name="IsWaveform">Whether the reading carries a waveform instead of values.</param>
public sealed record MeasurementSpec(
    MeasurementKind Kind,
    IReadOnlyList<string> Units,
    int ValueCount,
    bool NeedsCode = false,
    bool IsWaveform = false)
{
    /// <summary>The canonical UCUM unit of the kind.</summary>
    public string CanonicalUnit => Units[0];
}

using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Platform.Patients;

/// <summary>A stored reading and its verdict as the device actor hands it to the patient actor.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ObservedReading(
    [property: Id(0)] int Index,
    [property: Id(1)] MeasurementKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] double[] Values,
    [property: Id(4)] string Unit,
    [property: Id(5)] ReadingFlags Flags,
    [property: Id(6)] string? Code,
    [property: Id(7)] Verdict Verdict)
{
    /// <summary>The reading (without waveform samples).</summary>
    public Reading ToReading() => new(Kind, At, Values, Unit, Flags, Code);
}

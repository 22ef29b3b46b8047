namespace Vigil.Domain.Readings;

/// <summary>
/// Regularly sampled signal, such as one ECG lead. Samples are signed 16-bit counts; the
/// physical value of a sample is <c>count × Scale</c> in the reading's unit. Storing counts
/// keeps a 10 s, 250 Hz batch at 5,000 bytes instead of 2,500 CBOR numbers.
/// </summary>
/// <param name="SampleRateHz">Samples per second, 1 to 10,000.</param>
/// <param name="Scale">Physical units per count, finite and positive.</param>
/// <param name="Samples">The samples, oldest first; the first is taken at the reading's time.</param>
public sealed record Waveform(int SampleRateHz, double Scale, ReadOnlyMemory<short> Samples)
{
    /// <summary>The time span the samples cover.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRateHz);

    /// <inheritdoc />
    public bool Equals(Waveform? other) =>
        other is not null
        && SampleRateHz == other.SampleRateHz
        && Scale.Equals(other.Scale)
        && Samples.Span.SequenceEqual(other.Samples.Span);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SampleRateHz, Scale, Samples.Length);
}

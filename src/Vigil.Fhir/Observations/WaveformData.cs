using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using Vigil.Domain.Readings;

namespace Vigil.Fhir.Observations;

/// <summary>
/// A waveform as FHIR SampledData: the counts as they were signed, with the scale as
/// <c>factor</c>, so that value = origin + factor × count is exactly Vigil's count × scale and a
/// verifier compares integers, not rounded decimals.
/// </summary>
public static class WaveformData
{
    /// <summary>The SampledData of a waveform in its unit.</summary>
    public static SampledData ToSampledData(Waveform waveform, string unit)
    {
        ArgumentNullException.ThrowIfNull(waveform);
        var text = new StringBuilder(waveform.Samples.Length * 5);
        foreach (var sample in waveform.Samples.Span)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(sample.ToString(CultureInfo.InvariantCulture));
        }

        return new SampledData
        {
            Origin = ObservationCodes.Quantity(0, unit),
            Period = (decimal)(1000.0 / waveform.SampleRateHz),
            Factor = (decimal)waveform.Scale,
            Dimensions = 1,
            Data = text.ToString(),
        };
    }
}

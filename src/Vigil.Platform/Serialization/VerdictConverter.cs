using Vigil.Domain.Verification;

namespace Vigil.Platform.Serialization;

/// <summary>Lets Orleans carry a <see cref="Verdict"/>, which belongs to the domain and knows nothing of Orleans.</summary>
[RegisterConverter]
internal sealed class VerdictConverter : IConverter<Verdict, VerdictSurrogate>
{
    /// <inheritdoc />
    public Verdict ConvertFromSurrogate(in VerdictSurrogate surrogate) => Verdict.Of(surrogate.Reasons ?? []);

    /// <inheritdoc />
    public VerdictSurrogate ConvertToSurrogate(in Verdict value) => new() { Reasons = [.. value.Reasons] };
}

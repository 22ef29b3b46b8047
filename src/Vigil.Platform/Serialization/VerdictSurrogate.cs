using Vigil.Domain.Verification;

namespace Vigil.Platform.Serialization;

/// <summary>
/// A <see cref="Verdict"/> as Orleans carries it between actors: its reason codes, from which the
/// receiver rebuilds the verdict and its status (<see cref="Verdict.Of"/>), so a message never
/// holds a status its reasons do not give.
/// </summary>
[GenerateSerializer]
[Immutable]
internal struct VerdictSurrogate
{
    /// <summary>The reason codes, sorted; empty when Verified.</summary>
    [Id(0)]
    public string[] Reasons;
}

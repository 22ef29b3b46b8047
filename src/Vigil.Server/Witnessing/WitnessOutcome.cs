namespace Vigil.Server.Witnessing;

/// <summary>What came of submitting a checkpoint to a witness.</summary>
/// <param name="Kind">Cosigned, refused or unreachable.</param>
/// <param name="Detail">The cosigned note, or the reason.</param>
internal sealed record WitnessOutcome(WitnessOutcomeKind Kind, string Detail);

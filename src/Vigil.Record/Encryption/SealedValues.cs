namespace Vigil.Record.Encryption;

/// <summary>A reading's values as sealed: up to three values, unit, sensor flags, code.</summary>
/// <param name="V">The values.</param>
/// <param name="U">Their unit.</param>
/// <param name="F">The sensor's flags.</param>
/// <param name="C">The code of kinds that need one.</param>
internal sealed record SealedValues(double[] V, string U, int F, string? C);

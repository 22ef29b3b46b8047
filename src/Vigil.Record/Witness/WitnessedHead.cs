namespace Vigil.Record.Witness;

/// <summary>What a witness keeps of a log: the size and root of the latest checkpoint it cosigned, and that cosigned checkpoint.</summary>
/// <param name="Size">The tree size.</param>
/// <param name="Root">The root hash.</param>
/// <param name="Note">The checkpoint with the log's signature and the witness's cosignature.</param>
public sealed record WitnessedHead(long Size, byte[] Root, string Note);

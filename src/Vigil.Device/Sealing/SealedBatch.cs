namespace Vigil.Device.Sealing;

/// <summary>A sealed batch ready for a relay: its envelope bytes and, for the sender's bookkeeping, its sequence number.</summary>
/// <param name="Sequence">The batch's sequence number.</param>
/// <param name="Created">When it was sealed.</param>
/// <param name="Envelope">The COSE_Encrypt0 bytes.</param>
/// <param name="SignedBatch">The device's COSE_Sign1 inside the envelope: not secret once stored (it travels into the health record), and never more than a replay in anyone else's hands.</param>
public sealed record SealedBatch(ulong Sequence, DateTimeOffset Created, byte[] Envelope, byte[] SignedBatch);

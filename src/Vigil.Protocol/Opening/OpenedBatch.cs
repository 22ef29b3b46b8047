using Vigil.Domain.Readings;
using Vigil.Protocol.Envelopes;

namespace Vigil.Protocol.Opening;

/// <summary>A batch that opened: authentic, intact, from a trusted device.</summary>
/// <param name="Header">The envelope header.</param>
/// <param name="Content">The batch.</param>
/// <param name="SignedBatch">The inner COSE_Sign1 bytes, kept so anyone can re-verify the device signature later.</param>
/// <param name="Device">The device credential that signed it.</param>
public sealed record OpenedBatch(EnvelopeHeader Header, BatchContent Content, byte[] SignedBatch, DeviceCredential Device);

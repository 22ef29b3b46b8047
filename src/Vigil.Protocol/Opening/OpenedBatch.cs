using Vigil.Domain.Readings;
using Vigil.Protocol.Envelopes;
using Vigil.Protocol.Sessions;

namespace Vigil.Protocol.Opening;

/// <summary>A batch that opened: authentic, intact, from a trusted device.</summary>
/// <param name="Header">The envelope header (made by whoever sealed the envelope, so not evidence about the device).</param>
/// <param name="Content">The batch.</param>
/// <param name="SignedBatch">The inner COSE_Sign1 bytes, kept so anyone can re-verify the device signature later.</param>
/// <param name="Device">The device credential that signed it.</param>
/// <param name="Signature">What the device signed about its session, and the digest of the signed content.</param>
public sealed record OpenedBatch(EnvelopeHeader Header, BatchContent Content, byte[] SignedBatch, DeviceCredential Device, BatchSignature Signature)
{
    /// <summary>The session secrets derived for this batch when its session was not cached yet; cached once the batch passes the session rules.</summary>
    internal SessionSecrets? DerivedSecrets { get; init; }

    /// <summary>Whether the envelope names the session the device signed (false: someone re-sealed the device's signed batch).</summary>
    public bool SealedInSignedSession =>
        Header.SessionStart == Signature.SessionStart && Header.SessionId.AsSpan().SequenceEqual(Signature.SessionId);
}

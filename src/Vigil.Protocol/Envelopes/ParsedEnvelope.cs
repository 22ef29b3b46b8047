namespace Vigil.Protocol.Envelopes;

/// <summary>A decoded, not yet decrypted, envelope.</summary>
/// <param name="Header">The decoded protected header.</param>
/// <param name="ProtectedHeader">The protected header bytes exactly as received (they feed the AAD).</param>
/// <param name="Ciphertext">The ciphertext followed by the 16-byte GCM tag.</param>
public sealed record ParsedEnvelope(EnvelopeHeader Header, byte[] ProtectedHeader, byte[] Ciphertext);

namespace Vigil.Protocol;

/// <summary>The stable text codes of <see cref="OpenFailure"/>.</summary>
public static class OpenFailureCodes
{
    /// <summary>The code of a failure, such as <c>bad-signature</c>.</summary>
    public static string ToCode(this OpenFailure failure) => failure switch
    {
        OpenFailure.Oversized => "oversized",
        OpenFailure.Malformed => "malformed",
        OpenFailure.NestingTooDeep => "nesting-too-deep",
        OpenFailure.UnsupportedVersion => "unsupported-version",
        OpenFailure.UnsupportedAlgorithm => "unsupported-algorithm",
        OpenFailure.WrongRecipient => "wrong-recipient",
        OpenFailure.UnknownDevice => "unknown-device",
        OpenFailure.InvalidEphemeralKey => "invalid-ephemeral-key",
        OpenFailure.SessionConflict => "session-conflict",
        OpenFailure.DecryptionFailed => "decryption-failed",
        OpenFailure.UnknownKeyId => "unknown-key-id",
        OpenFailure.UntrustedChain => "untrusted-chain",
        OpenFailure.CertificateExpired => "certificate-expired",
        OpenFailure.CertificateNotYetValid => "certificate-not-yet-valid",
        OpenFailure.BadSignature => "bad-signature",
        OpenFailure.BindingMismatch => "binding-mismatch",
        OpenFailure.InvalidContent => "invalid-content",
        OpenFailure.SessionExpired => "session-expired",
        _ => "unknown",
    };
}

namespace Vigil.Protocol;

/// <summary>The outcomes, and so the stable text codes, of <see cref="OpenFailure"/>.</summary>
public static class OpenFailureCodes
{
    // What a value outside the enum (a bug, never an attacker) is called.
    private const string UnknownFailure = "unknown";

    /// <summary>The outcome of a failure, or null for a value that is not a failure.</summary>
    public static Outcome? ToOutcome(this OpenFailure failure) => failure switch
    {
        OpenFailure.Oversized => Outcomes.Oversized,
        OpenFailure.Malformed => Outcomes.Malformed,
        OpenFailure.NestingTooDeep => Outcomes.NestingTooDeep,
        OpenFailure.UnsupportedVersion => Outcomes.UnsupportedVersion,
        OpenFailure.UnsupportedAlgorithm => Outcomes.UnsupportedAlgorithm,
        OpenFailure.WrongRecipient => Outcomes.WrongRecipient,
        OpenFailure.UnknownDevice => Outcomes.UnknownDevice,
        OpenFailure.InvalidEphemeralKey => Outcomes.InvalidEphemeralKey,
        OpenFailure.SessionConflict => Outcomes.SessionConflict,
        OpenFailure.DecryptionFailed => Outcomes.DecryptionFailed,
        OpenFailure.UnknownKeyId => Outcomes.UnknownKeyId,
        OpenFailure.UntrustedChain => Outcomes.UntrustedChain,
        OpenFailure.CertificateExpired => Outcomes.CertificateExpired,
        OpenFailure.CertificateNotYetValid => Outcomes.CertificateNotYetValid,
        OpenFailure.BadSignature => Outcomes.BadSignature,
        OpenFailure.BindingMismatch => Outcomes.BindingMismatch,
        OpenFailure.InvalidContent => Outcomes.InvalidContent,
        OpenFailure.SessionExpired => Outcomes.SessionExpired,
        _ => null,
    };

    /// <summary>The code of a failure, such as <c>bad-signature</c>.</summary>
    public static string ToCode(this OpenFailure failure) => failure.ToOutcome()?.Code ?? UnknownFailure;
}

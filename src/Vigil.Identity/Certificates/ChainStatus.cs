namespace Vigil.Identity.Certificates;

/// <summary>The outcome of checking a device certificate against the trusted maker CAs.</summary>
public enum ChainStatus
{
    /// <summary>Chains to a trusted maker CA and is valid at the time checked.</summary>
    Trusted,

    /// <summary>Does not chain to any trusted maker CA, or the chain is broken.</summary>
    Untrusted,

    /// <summary>The certificate (or its CA) expired before the time checked.</summary>
    Expired,

    /// <summary>The certificate (or its CA) is not valid yet at the time checked.</summary>
    NotYetValid,

    /// <summary>Chains, but is not fit to be a device certificate (a CA, wrong key type or usage).</summary>
    NotADeviceCertificate,
}

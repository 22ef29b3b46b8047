namespace Vigil.Server.Access;

/// <summary>
/// OpenID Connect single sign-on for production. A user signed in by the identity provider is
/// admitted only if a Vigil account with the same id (the <see cref="UserClaim"/> claim) exists
/// and is not disabled; Vigil's own role and care teams apply.
/// </summary>
internal sealed class OidcOptions
{
    /// <summary>The identity provider's issuer URL; unset switches single sign-on off.</summary>
    public string? Authority { get; set; }

    /// <summary>Vigil's client id at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>Vigil's client secret at the provider.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The claim holding the user name that matches a Vigil account.</summary>
    public string UserClaim { get; set; } = "preferred_username";
}

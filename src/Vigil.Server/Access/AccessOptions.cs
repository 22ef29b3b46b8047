namespace Vigil.Server.Access;

/// <summary>
/// Settings of sessions and single sign-on, bound from <c>Vigil:Access</c> (docs/access.md); the
/// lockout and break-glass rules of the same section are the platform's <see cref="Platform.Access.AccessPolicyOptions"/>.
/// </summary>
internal sealed class AccessOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vigil:Access";

    /// <summary>How long a sign-in session or API token lasts (hours).</summary>
    public int SessionHours { get; set; } = 12;

    /// <summary>Single sign-on with OpenID Connect; off unless an authority is set.</summary>
    public OidcOptions Oidc { get; set; } = new();
}

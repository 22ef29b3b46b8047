namespace Vigil.Server.Access;

/// <summary>Settings of sign-in and access control, bound from <c>Vigil:Access</c> (docs/access.md).</summary>
internal sealed class AccessOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vigil:Access";

    /// <summary>Consecutive failed sign-ins that lock an account.</summary>
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked (minutes).</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a sign-in session or API token lasts (hours).</summary>
    public int SessionHours { get; set; } = 12;

    /// <summary>How long a break-glass grant gives access (minutes).</summary>
    public int BreakGlassMinutes { get; set; } = 60;

    /// <summary>The shortest break-glass reason accepted (characters).</summary>
    public int BreakGlassReasonMinimum { get; set; } = 10;

    /// <summary>Single sign-on with OpenID Connect; off unless an authority is set.</summary>
    public OidcOptions Oidc { get; set; } = new();
}

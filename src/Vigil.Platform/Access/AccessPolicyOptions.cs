namespace Vigil.Platform.Access;

/// <summary>
/// The rules of sign-in lockout and break-glass, bound from <c>Vigil:Access</c> (docs/access.md)
/// beside the host's own session and single sign-on settings.
/// </summary>
public sealed class AccessPolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vigil:Access";

    /// <summary>Consecutive failed sign-ins that lock an account.</summary>
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked (minutes).</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a break-glass grant gives access (minutes).</summary>
    public int BreakGlassMinutes { get; set; } = 60;

    /// <summary>The shortest break-glass reason accepted (characters).</summary>
    public int BreakGlassReasonMinimum { get; set; } = 10;
}

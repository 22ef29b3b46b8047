using System.Security.Claims;
using Vigil.Domain.Access;
using Vigil.Platform.UseCases;

namespace Vigil.Server.Access;

/// <summary>How a signed-in member of staff is described to ASP.NET Core: name, role, display name.</summary>
internal static class StaffClaims
{
    /// <summary>The claim carrying the display name.</summary>
    public const string DisplayName = "vigil:display-name";

    /// <summary>The role of the data folder's operator token.</summary>
    public const string Operator = "operator";

    /// <summary>The claim holding the account's session stamp (<see cref="StaffUser.Stamp"/>) when the session was signed.</summary>
    public const string Stamp = "vigil:stamp";

    /// <summary>The identity of a user under an authentication scheme.</summary>
    public static ClaimsPrincipal Principal(StaffUser user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, user.Id), new Claim(ClaimTypes.Role, user.Role.ToString()), new Claim(DisplayName, user.DisplayName),
                new Claim(Stamp, user.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The user's id.</summary>
    public static string UserId(this ClaimsPrincipal principal) => principal?.Identity?.Name ?? "anonymous";

    /// <summary>The signed-in user as the actor of a use case: their id, their role (<c>-</c> if none) and the address of the request.</summary>
    public static Actor Actor(this ClaimsPrincipal principal, HttpContext context) =>
        new(principal.UserId(), principal.Role()?.ToString() ?? "-", VigilAuthentication.Source(context));

    /// <summary>The user's role, if signed in.</summary>
    public static StaffRole? Role(this ClaimsPrincipal principal) =>
        Enum.TryParse<StaffRole>(principal?.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;
}

using System.Security.Claims;
using Microsoft.Extensions.Options;
using Vigil.Domain.Access;
using Vigil.Platform.Security;
using Vigil.Record.Access;
using Vigil.Record.Registry;

namespace Vigil.Server.Access;

/// <summary>
/// Opens break-glass grants, for the API and the console alike: a typed reason is required, the
/// grant is recorded in the ledger as it opens, and a security event tells the security team.
/// </summary>
internal sealed class BreakGlassDesk(IAccessStore access, IRegistry registry, SecurityEventSink events, TimeProvider time, IOptions<AccessOptions> options)
{
    /// <summary>The outcome: the grant, or a code and a message for the person asking.</summary>
    /// <param name="Grant">The grant's number, when opened.</param>
    /// <param name="ExpiresAt">Until when it gives access.</param>
    /// <param name="Code">Why not: <c>reason-required</c>, <c>in-care</c>.</param>
    /// <param name="Message">Why not, for a person.</param>
    public readonly record struct Outcome(long? Grant, DateTimeOffset ExpiresAt, string? Code, string? Message);

    /// <summary>Opens a grant for a clinician on a patient outside their care.</summary>
    public async Task<Outcome> OpenAsync(ClaimsPrincipal user, string patientId, string? reason, string source, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (reason?.Trim() is not { } typed || typed.Length < settings.BreakGlassReasonMinimum || typed.Length > 1000)
        {
            return new Outcome(null, default, "reason-required", $"break-glass needs a typed reason of {settings.BreakGlassReasonMinimum} to 1000 characters; it is audited and reviewed");
        }

        var userId = user.UserId();
        if ((await access.PatientsInCareOfAsync(userId)).Contains(patientId))
        {
            return new Outcome(null, default, "in-care", $"patient {patientId} is in your care already");
        }

        // A patient id that does not exist is answered as one outside the care team is: the grant
        // opens, audited and flagged, so that break-glass cannot tell which ids exist. The
        // security team's event says that no such patient exists.
        var known = await registry.FindPatientAsync(patientId) is not null;
        var now = time.GetUtcNow();
        var until = now.AddMinutes(settings.BreakGlassMinutes);
        var grant = await access.OpenBreakGlassAsync(userId, patientId, typed, now, until);
        await access.RecordAccessAsync(
            new AccessEntry(0, now, userId, nameof(StaffRole.Clinician), patientId, "break-glass.open", AccessPurposes.BreakGlass, grant), cancellationToken);
        events.Raise(
            "break-glass", userId, source, null,
            $"{userId} opened patient {patientId} outside their care teams until {until:u} (grant {grant}); flagged for review{(known ? string.Empty : "; no such patient exists")}");
        return new Outcome(grant, until, null, null);
    }
}

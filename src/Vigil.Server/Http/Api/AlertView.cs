using Vigil.Domain.Clinical;
using Vigil.Record.Clinical;

namespace Vigil.Server.Http.Api;

/// <summary>An alert as the API shows it, with what was done with it.</summary>
/// <param name="Id">Its number.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Rule">The rule that raised it.</param>
/// <param name="DeviceId">The device whose data raised it.</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="Value">The value that crossed the rule.</param>
/// <param name="Detail">What crossed what.</param>
/// <param name="Integrity">Verified, Suspect or Rejected: the worst verdict it rests on.</param>
/// <param name="Reasons">Why that data is not trusted.</param>
/// <param name="Unconfirmed">True when it rests on unverified data no clinician has confirmed: it cannot be escalated.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Occurrences">How many readings crossed the rule while it was open.</param>
/// <param name="Actions">What people did with it, oldest first.</param>
internal sealed record AlertView(
    long Id, string PatientId, string Rule, string? DeviceId, DateTimeOffset RaisedAt, double Value, string Detail, string Integrity,
    IReadOnlyList<string> Reasons, bool Unconfirmed, string Status, int Occurrences, IReadOnlyList<AlertActionView> Actions)
{
    /// <summary>The view of a stored alert.</summary>
    public static AlertView Of(Alert alert, IReadOnlyList<AlertActionRecord> actions)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(actions);
        return new AlertView(
            alert.Id, alert.PatientId.Value, alert.Rule, alert.DeviceId?.Value, alert.RaisedAt, alert.Value, alert.Detail, alert.Integrity.ToString(),
            alert.Reasons, alert.Unconfirmed, alert.Status.ToString().ToLowerInvariant(), alert.Occurrences,
            [.. actions.Select(a => new AlertActionView(a.At, a.Action, a.Actor, a.Note))]);
    }
}

using Vigil.Domain.Verification;

namespace Vigil.Domain.Clinical;

/// <summary>
/// The moves an alert may make. An alert resting on data that is not Verified is unconfirmed: it
/// can be escalated only after a clinician has confirmed it, so spoofed or faulty data can never
/// dispatch emergency care by itself (T06, T07).
/// </summary>
public static class AlertWorkflow
{
    /// <summary>The status after <paramref name="action"/>, or why it is not allowed.</summary>
    public static (AlertStatus? Next, string? Refusal) Apply(AlertStatus status, VerdictStatus integrity, AlertAction action)
    {
        if (status is AlertStatus.Escalated or AlertStatus.Dismissed)
        {
            return (null, $"the alert is already {status.ToString().ToLowerInvariant()}");
        }

        return action switch
        {
            AlertAction.Acknowledge when status == AlertStatus.Open => (AlertStatus.Acknowledged, null),
            AlertAction.Acknowledge => (null, $"the alert is already {status.ToString().ToLowerInvariant()}"),
            AlertAction.Confirm when status != AlertStatus.Confirmed => (AlertStatus.Confirmed, null),
            AlertAction.Confirm => (null, "the alert is already confirmed"),
            AlertAction.Escalate when integrity != VerdictStatus.Verified && status != AlertStatus.Confirmed =>
                (null, "the alert rests on data that is not verified; confirm it before escalating"),
            AlertAction.Escalate => (AlertStatus.Escalated, null),
            _ => (AlertStatus.Dismissed, null),
        };
    }
}

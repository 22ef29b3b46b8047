using Vigil.Domain.Clinical;
using Vigil.Platform.UseCases;
using Vigil.Record.Clinical;

namespace Vigil.Platform.Patients;

/// <summary>Where people act on alerts, for the CLI and the API alike: the workflow's gate, then the record.</summary>
public sealed class AlertDesk(IClinicalStore clinical, TimeProvider time)
{
    /// <summary>The code of an alert that does not exist.</summary>
    public const string AlertNotFound = "alert-not-found";

    /// <summary>The code of an action the workflow refuses in the alert's state.</summary>
    public const string ActionRefused = "action-refused";

    /// <summary>Takes an action on an alert for <paramref name="actor"/>; gives the alert after it (or as it is, when refused).</summary>
    public async Task<UseCaseResult<Alert>> ActAsync(long id, AlertAction action, string actor, string note)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await clinical.FindAlertAsync(id) is not { } alert)
            {
                return UseCaseResult<Alert>.Refused(RefusalKind.NotFound, AlertNotFound, $"no alert {id}");
            }

            var (next, refusal) = AlertWorkflow.Apply(alert.Status, alert.Integrity, action);
            if (next is not { } status)
            {
                return Refused(alert, refusal ?? "the workflow refuses that action");
            }

            if (await clinical.ActAsync(id, alert.Status, status, new AlertActionRecord(id, time.GetUtcNow(), action.ToString().ToLowerInvariant(), actor, note)))
            {
                return await clinical.FindAlertAsync(id) is { } acted
                    ? UseCaseResult<Alert>.Done(acted)
                    : UseCaseResult<Alert>.Refused(RefusalKind.NotFound, AlertNotFound, $"no alert {id}");
            }
        }

        return await clinical.FindAlertAsync(id) is { } current
            ? Refused(current, "the alert changed while acting; try again")
            : UseCaseResult<Alert>.Refused(RefusalKind.NotFound, AlertNotFound, $"no alert {id}");
    }

    private static UseCaseResult<Alert> Refused(Alert alert, string message) =>
        new(alert, new Refusal(RefusalKind.Conflict, ActionRefused, message));
}

using Vigil.Domain.Clinical;
using Vigil.Record.Clinical;

namespace Vigil.Platform.Patients;

/// <summary>Where people act on alerts, for the CLI and the API alike: the workflow's gate, then the record.</summary>
public sealed class AlertDesk(IClinicalStore clinical, TimeProvider time)
{
    /// <summary>The outcome of an action.</summary>
    /// <param name="Alert">The alert after the action, or null if there is no such alert.</param>
    /// <param name="Refusal">Why the action was refused, or null if it was taken.</param>
    public readonly record struct Outcome(Alert? Alert, string? Refusal);

    /// <summary>Takes an action on an alert for <paramref name="actor"/>.</summary>
    public async Task<Outcome> ActAsync(long id, AlertAction action, string actor, string note)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await clinical.FindAlertAsync(id) is not { } alert)
            {
                return new Outcome(null, $"no alert {id}");
            }

            var (next, refusal) = AlertWorkflow.Apply(alert.Status, alert.Integrity, action);
            if (next is not { } status)
            {
                return new Outcome(alert, refusal);
            }

            if (await clinical.ActAsync(id, alert.Status, status, new AlertActionRecord(id, time.GetUtcNow(), action.ToString().ToLowerInvariant(), actor, note)))
            {
                return new Outcome(await clinical.FindAlertAsync(id), null);
            }
        }

        return new Outcome(await clinical.FindAlertAsync(id), "the alert changed while acting; try again");
    }
}

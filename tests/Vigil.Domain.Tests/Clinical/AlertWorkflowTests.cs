using Vigil.Domain.Clinical;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Clinical;

public sealed class AlertWorkflowTests
{
    [Theory]
    [InlineData(AlertStatus.Open, VerdictStatus.Verified, AlertAction.Escalate, AlertStatus.Escalated)]
    [InlineData(AlertStatus.Open, VerdictStatus.Suspect, AlertAction.Escalate, null)]
    [InlineData(AlertStatus.Acknowledged, VerdictStatus.Suspect, AlertAction.Escalate, null)]
    [InlineData(AlertStatus.Confirmed, VerdictStatus.Suspect, AlertAction.Escalate, AlertStatus.Escalated)]
    [InlineData(AlertStatus.Open, VerdictStatus.Suspect, AlertAction.Confirm, AlertStatus.Confirmed)]
    [InlineData(AlertStatus.Open, VerdictStatus.Verified, AlertAction.Acknowledge, AlertStatus.Acknowledged)]
    [InlineData(AlertStatus.Acknowledged, VerdictStatus.Verified, AlertAction.Acknowledge, null)]
    [InlineData(AlertStatus.Acknowledged, VerdictStatus.Suspect, AlertAction.Dismiss, AlertStatus.Dismissed)]
    [InlineData(AlertStatus.Escalated, VerdictStatus.Verified, AlertAction.Dismiss, null)]
    [InlineData(AlertStatus.Dismissed, VerdictStatus.Verified, AlertAction.Confirm, null)]
    public void Apply_Transition_FollowsTheGate(AlertStatus from, VerdictStatus integrity, AlertAction action, AlertStatus? expected)
    {
        var (next, refusal) = AlertWorkflow.Apply(from, integrity, action);
        Assert.Equal(expected, next);
        Assert.Equal(expected is null, refusal is not null);
    }
}

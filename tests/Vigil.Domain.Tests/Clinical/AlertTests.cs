using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;

namespace Vigil.Domain.Tests.Clinical;

public sealed class AlertTests
{
    [Theory]
    [InlineData(VerdictStatus.Verified, AlertStatus.Open, false)]
    [InlineData(VerdictStatus.Suspect, AlertStatus.Open, true)]
    [InlineData(VerdictStatus.Suspect, AlertStatus.Acknowledged, true)]
    [InlineData(VerdictStatus.Suspect, AlertStatus.Confirmed, false)]
    [InlineData(VerdictStatus.Suspect, AlertStatus.Escalated, false)]
    [InlineData(VerdictStatus.Rejected, AlertStatus.Dismissed, true)]
    public void Unconfirmed_IntegrityAndStatus_OnlyWhileNoClinicianConfirmedUntrustedData(VerdictStatus integrity, AlertStatus status, bool unconfirmed)
    {
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var alert = new Alert(1, PatientId.Parse("p-1"), AlertRules.DataUntrusted, DeviceId.Parse("cgm-1"), at, at, 0, "detail", integrity, [], status, at, 1, at);

        Assert.Equal(unconfirmed, alert.Unconfirmed);
    }
}

using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;
using Vigil.Identity.Provisioning;
using Vigil.Record;

namespace Vigil.Cli.Tests;

public sealed class VerificationCommandTests
{
    [Fact]
    public async Task AlertEscalate_OnSuspectData_NeedsConfirmationFirst()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        cli.Run("patient", "add", "--id", "p-1", "--name", "Ada");
        long id;
        await using (var record = RecordStore.Open(new DataFolder(cli.DataFolder), null, TimeProvider.System))
        {
            var now = cli.Time.GetUtcNow();
            id = await record.Clinical.RaiseAlertAsync(new Alert(
                0, PatientId.Parse("p-1"), AlertRules.Desaturation, DeviceId.Parse("oxi-1"), now, now, 71, "SpO2 71 % below 90", VerdictStatus.Suspect,
                [ReasonCodes.RateOfChange], AlertStatus.Open, now, 1, now), cancellationToken: TestContext.Current.CancellationToken);
        }

        var listed = cli.Run("alert", "list").Output;
        Assert.Contains("UNCONFIRMED", listed);
        var refused = cli.Run("alert", "escalate", $"{id}", "--by", "dr-who");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("confirm it before escalating", refused.Output);
        Assert.Equal(0, cli.Run("alert", "confirm", $"{id}", "--by", "dr-who", "--note", "saw the patient").ExitCode);
        Assert.Equal(0, cli.Run("alert", "escalate", $"{id}", "--by", "dr-who").ExitCode);
        var shown = cli.Run("alert", "show", $"{id}").Output;
        Assert.Contains("escalated", shown);
        Assert.Contains("confirm by dr-who: saw the patient", shown);
    }

    [Fact]
    public void RecallCreate_MatchingLot_FlagsTheDeviceAndNotifiesItsCareTeam()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        cli.Run("device", "mint", "--model", "G7", "--lot", "L1", "--serial", "0001", "--firmware", "1.0", "--enroll");
        cli.Run("device", "mint", "--model", "G7", "--lot", "L2", "--serial", "0002", "--firmware", "1.0", "--enroll");
        cli.Run("patient", "add", "--id", "p-1", "--name", "Ada");
        cli.Run("device", "bind", "g7-0001", "--patient", "p-1");

        var created = cli.Run("recall", "create", "--model", "G7", "--lots", "L1", "--since", "2026-01-01", "--reason", "reads 30 % low");

        Assert.Equal(0, created.ExitCode);
        Assert.Contains("1 device(s) flagged", created.Output);
        Assert.Contains("g7-0001", cli.Run("recall", "show", "1").Output);
        Assert.DoesNotContain("g7-0002", cli.Run("recall", "show", "1").Output);
        Assert.Contains(AlertRules.DataUntrusted, cli.Run("alert", "list", "--patient", "p-1").Output);
        Assert.Equal(5, cli.Run("recall", "show", "9").ExitCode);
    }

    [Fact]
    public void FirmwareAllow_BadDigest_IsRefused()
    {
        using var cli = new CliRunner();
        cli.Run("init");

        Assert.Equal(2, cli.Run("firmware", "allow", "--model", "G7", "--digest", "xyz", "--version", "1").ExitCode);
        Assert.Equal(0, cli.Run("firmware", "allow", "--model", "G7", "--digest", new string('a', 64), "--version", "1.2").ExitCode);
        Assert.Contains("1.2", cli.Run("firmware", "list").Output);
    }
}

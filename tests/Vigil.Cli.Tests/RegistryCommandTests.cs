namespace Vigil.Cli.Tests;

public sealed class RegistryCommandTests
{
    [Fact]
    public void DeviceLifecycle_MintEnrollBindQuarantineRevoke_IsReflectedInListAndShow()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        Assert.Equal(0, cli.Run("device", "mint", "--model", "G7", "--lot", "L1", "--serial", "42", "--firmware", "1.0", "--enroll").ExitCode);
        Assert.Equal(0, cli.Run("patient", "add", "--id", "p-1", "--name", "Ada").ExitCode);
        Assert.Equal(0, cli.Run("relay", "add", "hub-1").ExitCode);

        Assert.Equal(0, cli.Run("device", "bind", "g7-42", "--patient", "p-1", "--relay", "hub-1").ExitCode);
        Assert.Equal(0, cli.Run("device", "quarantine", "g7-42", "--reason", "drift suspected").ExitCode);
        var listed = cli.Run("device", "list").Output;
        Assert.Contains("g7-42", listed);
        Assert.Contains("quarantined", listed);
        Assert.Contains("hub-1", listed);

        Assert.Equal(0, cli.Run("device", "revoke", "g7-42", "--reason", "stolen").ExitCode);
        var (code, output) = cli.Run("device", "quarantine", "g7-42", "--reason", "undo");
        Assert.Equal(3, code);
        Assert.Contains("cannot change", output);
        var shown = cli.Run("device", "show", "g7-42").Output;
        Assert.Contains("revoked", shown);
        Assert.Contains("stolen", shown);
        Assert.Contains("g7-42", cli.Run("patient", "list").Output);
        Assert.Contains("g7-42", cli.Run("relay", "list").Output);
    }

    [Fact]
    public void Enroll_Twice_FailsWithExitThree()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        cli.Run("device", "mint", "--model", "G7", "--lot", "L1", "--serial", "1", "--firmware", "1.0");

        Assert.Equal(0, cli.Run("device", "enroll", "--id", "g7-1").ExitCode);
        var (code, output) = cli.Run("device", "enroll", "--id", "g7-1");

        Assert.Equal(3, code);
        Assert.Contains("already enrolled", output);
    }

    [Fact]
    public void Enroll_CertificateFromAnotherMaker_IsRefused()
    {
        using var cli = new CliRunner();
        using var other = new CliRunner();
        cli.Run("init");
        other.Run("init");
        other.Run("device", "mint", "--model", "X", "--lot", "L", "--serial", "9", "--firmware", "1");
        var foreign = Path.Combine(other.DataFolder, "devices", "x-9", "device.crt");

        var (code, output) = cli.Run("device", "enroll", "--certificate", foreign);

        Assert.Equal(3, code);
        Assert.Contains("not trusted", output);
    }

    [Fact]
    public void Bind_UnknownPatient_Fails()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        cli.Run("device", "mint", "--model", "G7", "--lot", "L1", "--serial", "1", "--firmware", "1.0", "--enroll");

        Assert.Equal(5, cli.Run("device", "bind", "g7-1", "--patient", "nobody").ExitCode);
    }

    [Fact]
    public void Events_EmptyLog_SaysSo()
    {
        using var cli = new CliRunner();
        cli.Run("init");

        var (code, output) = cli.Run("events", "--code", "bad-signature");

        Assert.Equal(0, code);
        Assert.Contains("0 event(s) shown", output);
    }

    [Fact]
    public void RegistryCommand_BeforeInit_FailsWithExitTwo()
    {
        using var cli = new CliRunner();

        Assert.Equal(2, cli.Run("device", "list").ExitCode);
    }
}

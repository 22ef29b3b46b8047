using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;

namespace Vigil.Cli.Tests;

public sealed class CommandTests
{
    public static TheoryData<string> Verbs =>
    [
        "", "version", "init", "device", "device mint", "device enroll", "device list", "device show", "device quarantine", "device revoke", "device bind",
        "patient", "patient add", "patient list", "relay", "relay add", "relay list", "events", "serve", "simulate", "demo",
    ];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Help_EveryVerb_DescribesItselfAndExitsZero(string verb)
    {
        using var cli = new CliRunner();

        var (code, output) = cli.Run([.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, code);
        Assert.Contains("Usage:", output);
        Assert.Contains("Description:", output);
    }

    [Fact]
    public void Version_PrintsVigilAndProtocolVersions()
    {
        using var cli = new CliRunner();

        var (code, output) = cli.Run("version");

        Assert.Equal(0, code);
        Assert.Matches(@"vigil \d+\.\d+\.\d+", output);
        Assert.Contains("sealed-batch protocol v2", output);
    }

    [Fact]
    public void Init_NewFolder_CreatesKeysAndReportsThem()
    {
        using var cli = new CliRunner();

        var (code, output) = cli.Run("init");

        Assert.Equal(0, code);
        Assert.Contains("Initialised", output);
        Assert.True(new DataFolder(cli.DataFolder).IsInitialized);
        Assert.All(Directory.GetFiles(cli.DataFolder, "*.key", SearchOption.AllDirectories),
            f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void Init_Twice_SaysSoAndKeepsKeys()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        var ingest = new DataFolder(cli.DataFolder).IngestCertificate.Thumbprint;

        var (code, output) = cli.Run("init");

        Assert.Equal(0, code);
        Assert.Contains("already initialised", output);
        Assert.Equal(ingest, new DataFolder(cli.DataFolder).IngestCertificate.Thumbprint);
    }

    [Fact]
    public void DeviceMint_Initialised_IssuesATrustedCertificateWithTheAttributes()
    {
        using var cli = new CliRunner();
        cli.Run("init");

        var (code, output) = cli.Run("device", "mint", "--model", "G7", "--lot", "L-114", "--serial", "SN9", "--firmware", "3.2.1");

        Assert.Equal(0, code);
        Assert.Contains("g7-sn9", output);
        var folder = new DataFolder(cli.DataFolder);
        using var certificate = DeviceCredentials.LoadCertificate(folder.DeviceFolder(Domain.Devices.DeviceId.Parse("g7-sn9")));
        Assert.Equal(new DeviceAttributes("G7", "L-114", "SN9", "3.2.1"), DeviceAttributes.FromCertificate(certificate));
        Assert.Equal(ChainStatus.Trusted, folder.LoadMakerTrust().Check(certificate, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void DeviceMint_BeforeInit_FailsWithExitTwo()
    {
        using var cli = new CliRunner();

        var (code, output) = cli.Run("device", "mint", "--model", "G7", "--lot", "L", "--serial", "1", "--firmware", "1");

        Assert.Equal(2, code);
        Assert.Contains("vigil init", output);
    }

    [Fact]
    public void DeviceMint_InvalidId_FailsWithExitTwo()
    {
        using var cli = new CliRunner();
        cli.Run("init");

        var (code, output) = cli.Run("device", "mint", "--model", "G7", "--lot", "L", "--serial", "1", "--firmware", "1", "--id", "../Evil");

        Assert.Equal(2, code);
        Assert.Contains("not a valid device id", output);
    }

    [Fact]
    public void DeviceMint_SameDeviceTwice_FailsWithoutReplacingIt()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        string[] args = ["device", "mint", "--model", "G7", "--lot", "L", "--serial", "1", "--firmware", "1"];
        cli.Run(args);
        var before = File.ReadAllText(Path.Combine(cli.DataFolder, "devices", "g7-1", "device.crt"));

        var (code, output) = cli.Run(args);

        Assert.Equal(3, code);
        Assert.Contains("already exists", output);
        Assert.Equal(before, File.ReadAllText(Path.Combine(cli.DataFolder, "devices", "g7-1", "device.crt")));
    }

    [Fact]
    public void DeviceMint_MissingRequiredOption_FailsNonZero()
    {
        using var cli = new CliRunner();
        cli.Run("init");

        var (code, output) = cli.Run("device", "mint", "--model", "G7");

        Assert.NotEqual(0, code);
        Assert.Contains("--lot", output);
    }

    [Fact]
    public void UnknownVerb_FailsNonZero()
    {
        using var cli = new CliRunner();

        Assert.NotEqual(0, cli.Run("frobnicate").ExitCode);
    }
}

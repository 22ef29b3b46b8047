namespace Vigil.Cli.Tests;

/// <summary>What the CLI exits with, as the README's "Exit codes" says: one table over the commands.</summary>
public sealed class ExitCodeTests : IClassFixture<ExitCodeTests.InitialisedFolder>
{
    private readonly CliRunner _cli;

    public ExitCodeTests(InitialisedFolder folder) => _cli = folder.Cli;

    public static TheoryData<string[], int, string> Cases => new()
    {
        // Not found: 5.
        { ["user", "disable", "nobody"], 5, "no user nobody" },
        { ["user", "enable", "nobody"], 5, "no user nobody" },
        { ["alert", "show", "999"], 5, "no alert 999" },
        { ["alert", "acknowledge", "999", "--by", "ann"], 5, "no alert 999" },
        { ["patient", "calibrate", "nobody", "--glucose", "100"], 5, "no patient nobody" },
        { ["device", "show", "g7-404"], 5, "g7-404" },
        { ["device", "quarantine", "g7-404", "--reason", "r"], 5, "g7-404" },
        { ["device", "enroll", "--id", "g7-404"], 5, "no minted device" },
        { ["recall", "show", "999"], 5, "no recall 999" },
        { ["break-glass", "review", "999", "--note", "n"], 5, "no break-glass grant 999" },
        { ["audit", "prove", "g7-404", "1"], 5, "not in the ledger" },
        { ["audit", "check", "/nonexistent/proof.json"], 5, "no such file: /nonexistent/proof.json" },
        { ["device", "enroll", "--certificate", "/nonexistent/device.crt"], 5, "no such file: /nonexistent/device.crt" },

        // Usage: 2, in words.
        { ["readings", "--limit", "abc"], 2, "as a whole number" },
        { ["readings", "--limit", "-1"], 2, "--limit must be more than zero" },
        { ["events", "--limit", "0"], 2, "--limit must be more than zero" },
        { ["access", "--limit", "-5"], 2, "--limit must be more than zero" },
        { ["alert", "show", "seven"], 2, "as a whole number" },
        { ["patient", "calibrate", "p", "--glucose", "lots"], 2, "as a number" },
        { ["patient", "calibrate", "p!1", "--glucose", "100"], 2, "'p!1' is not a patient id" },
        { ["patient", "add", "--id", "a/b", "--name", "Ada"], 2, "'a/b' is not a patient id" },
        { ["readings", "--patient", "p 1"], 2, "'p 1' is not a patient id" },
        { ["alert", "list", "--patient", "p;1"], 2, "'p;1' is not a patient id" },
        { ["access", "--patient", "p@1"], 2, "'p@1' is not a patient id" },
        { ["team", "patient", "ward-a", "p?1"], 2, "'p?1' is not a patient id" },
        { ["device", "bind", "cgm-1", "--relay", "Hub/1"], 2, "'Hub/1' is not a relay id" },
        { ["relay", "add", "hub 1"], 2, "'hub 1' is not a valid relay id" },
        { ["patient", "calibrate", "p", "--glucose", "100", "--at", "yesterday"], 2, "as a time such as" },
        { ["no-such-command"], 2, "no-such-command" },
        { ["audit", "check", "/"], 2, "is a folder, not a file" },
        { ["serve", "--witness", "http://127.0.0.1:1/=not-a-vkey"], 2, "a vkey is" },
        { ["serve", "--witness", "ftp://127.0.0.1/=x"], 2, "--witness takes URL=VKEY" },
        { ["audit", "monitor", "--log", "not a url", "--certificate", "c", "--state", "s", "--once"], 2, "--log must be an address like" },
        { ["audit", "verify", "--witness", "127.0.0.1:7380"], 2, "--witness must be an address like" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Command_ExitsWithTheReadmeCode_AndSaysWhyInWords(string[] args, int expected, string message)
    {
        var (code, output) = _cli.Run(args);

        Assert.True(expected == code, $"exit {code}, expected {expected}: {output}");
        Assert.Contains(message, output);
        Assert.DoesNotContain("System.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void FilesNotOfTheirKind_ExitTwo_WithThePath()
    {
        var junk = Path.Combine(Path.GetDirectoryName(_cli.DataFolder)!, "junk.txt");
        File.WriteAllText(junk, "not a certificate, not a proof");

        var (enrollCode, enrollOutput) = _cli.Run("device", "enroll", "--certificate", junk);
        var (checkCode, checkOutput) = _cli.Run("audit", "check", junk);

        Assert.Equal(2, enrollCode);
        Assert.Contains($"{junk} is not a certificate", enrollOutput);
        Assert.Equal(2, checkCode);
        Assert.Contains("not a proof", checkOutput);
    }

    /// <summary>One initialised data folder for the table (every case only reads or is refused).</summary>
    public sealed class InitialisedFolder : IDisposable
    {
        public InitialisedFolder()
        {
            Assert.Equal(0, Cli.Run("init").ExitCode);
        }

        public CliRunner Cli { get; } = new();

        public void Dispose() => Cli.Dispose();
    }
}

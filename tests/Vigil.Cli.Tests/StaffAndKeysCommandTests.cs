using Vigil.Domain.Patients;
using Vigil.Tests.Shared;

namespace Vigil.Cli.Tests;

public sealed class StaffAndKeysCommandTests
{
    [Fact]
    public void Users_AndTeams_AreMadeListedAndRefusedWhenWrong()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        cli.Run("patient", "add", "--id", "p-1", "--name", "Ada", "--mrn", "MRN-77", "--glucose-unit", "mmol/L");

        var added = cli.Run("user", "add", "--id", "dr-ada", "--name", "Dr Ada", "--role", "Clinician");
        var again = cli.Run("user", "add", "--id", "dr-ada", "--name", "Dr Ada", "--role", "Clinician");
        var badId = cli.Run("user", "add", "--id", "bad id!", "--name", "X", "--role", "Admin");
        Assert.Equal(0, cli.Run("team", "add", "--id", "ward-7", "--name", "Ward 7").ExitCode);
        Assert.Equal(0, cli.Run("team", "member", "ward-7", "dr-ada").ExitCode);
        Assert.Equal(0, cli.Run("team", "patient", "ward-7", "p-1").ExitCode);
        var unknown = cli.Run("team", "patient", "ward-7", "p-404");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Password (shown once):", added.Output);
        Assert.Equal(3, again.ExitCode);
        Assert.Equal(2, badId.ExitCode);
        Assert.Equal(5, unknown.ExitCode);
        var teams = cli.Run("team", "list").Output;
        Assert.Contains("dr-ada", teams);
        Assert.Contains("p-1", teams);
        var users = cli.Run("user", "list").Output;
        Assert.Contains("Clinician", users);
        Assert.Contains("password", users);
        var patients = cli.Run("patient", "list").Output;
        Assert.Contains("MRN-77", patients);
        Assert.Contains("mmol/L", patients);
    }

    [Fact]
    public void PatientDataReadAtTheCommandLine_IsInTheAccessLogAsTheOperator()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        cli.Run("patient", "add", "--id", "p-1", "--name", "Ada");

        cli.Run("patient", "list");
        var (code, output) = cli.Run("access", "--patient", "p-1");

        Assert.Equal(0, code);
        Assert.Contains("patient.summary", output);
        Assert.Contains($"cli:{Environment.UserName}", output);
        Assert.Contains("operator", output);
        Assert.Equal(0, cli.Run("audit", "verify").ExitCode);
    }

    [Fact]
    public async Task BreakGlassReview_ShowsTheReasonRecordsTheReadAndClosesTheReview()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        cli.Run("patient", "add", "--id", "p-1", "--name", "Ada");
        await using (var record = Record.RecordStore.Open(new Identity.Provisioning.DataFolder(cli.DataFolder), null, TimeProvider.System))
        {
            await record.Access.OpenBreakGlassAsync("dr-night", PatientId.Parse("p-1"), "night cover, hypo alarm", cli.Time.GetUtcNow(), cli.Time.GetUtcNow().AddHours(1), cancellationToken: TestContext.Current.CancellationToken);
        }

        var waiting = cli.Run("break-glass", "list").Output;
        var (code, output) = cli.Run("break-glass", "review", "1", "--note", "justified");
        var again = cli.Run("break-glass", "review", "1", "--note", "twice");

        Assert.Contains("to review", waiting);
        Assert.Equal(0, code);
        Assert.Contains("night cover, hypo alarm", output);
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("break-glass.review", cli.Run("access", "--purpose", "break-glass-review").Output);
        Assert.DoesNotContain("to review", cli.Run("break-glass", "list", "--all").Output);
    }

    [Fact]
    public void UserPassword_FromStandardInput_IsCheckedAndSet()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        cli.Run("user", "add", "--id", "sam", "--name", "Sam", "--role", "Analyst");

        var weak = WithInput("short\n", () => cli.Run("user", "password", "sam"));
        var set = WithInput("a much longer password\n", () => cli.Run("user", "password", "sam"));
        var unknown = WithInput("a much longer password\n", () => cli.Run("user", "password", "nobody"));

        Assert.Equal(2, weak.ExitCode);
        Assert.Equal(0, set.ExitCode);
        Assert.Equal(5, unknown.ExitCode);
    }

    private static (int ExitCode, string Output) WithInput(string input, Func<(int, string)> run)
    {
        var before = Console.In;
        Console.SetIn(new StringReader(input));
        try
        {
            return run();
        }
        finally
        {
            Console.SetIn(before);
        }
    }

    [Fact]
    public void KeysRotate_RewrapsAndDestroysTheOldKeyAndTheDataStillReads()
    {
        using var cli = new CliRunner();
        cli.Run("init");
        cli.Run("patient", "add", "--id", "p-1", "--name", "Ada Lovelace");
        cli.Run("patient", "add", "--id", "p-2", "--name", "Grace Hopper");

        var before = cli.Run("keys", "status").Output;
        var (code, output) = cli.Run("keys", "rotate");
        var after = cli.Run("keys", "status").Output;

        Assert.Contains("kek-1", before);
        Assert.Equal(0, code);
        Assert.Contains("from kek-1 to kek-2: 2 data key(s) rewrapped", output);
        Assert.Contains("Destroyed: kek-1", output);
        Assert.Contains("kek-2", after);
        Assert.False(File.Exists(Path.Combine(cli.DataFolder, "keys", "kek-1.key")));
        Assert.Contains("Grace Hopper", cli.Run("patient", "list").Output);
    }

    [Fact]
    public void InitWithStore_PutsTheRecordInPostgreSqlForEveryCommand()
    {
        using var cli = new CliRunner();
        using var database = new TestDatabase(StoreKind.Postgres, Path.GetDirectoryName(cli.DataFolder)!);

        var init = cli.Run("init", "--store", database.ConnectionString!);
        cli.Run("patient", "add", "--id", "p-pg", "--name", "Stored in PostgreSQL");
        var status = cli.Run("keys", "status").Output;

        Assert.Equal(0, init.ExitCode);
        Assert.Contains("PostgreSQL", status);
        Assert.Equal(1L, Convert.ToInt64(database.Scalar("SELECT count(*) FROM patients WHERE id = 'p-pg';"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(File.Exists(Path.Combine(cli.DataFolder, "vigil.db")));
    }

    [Fact]
    public void InitWithStore_UnreachableDatabase_FailsWithAMessage()
    {
        using var cli = new CliRunner();

        var (code, output) = cli.Run("init", "--store", "Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=y;Timeout=2");

        Assert.Equal(3, code);
        Assert.Contains("error:", output);
    }
}

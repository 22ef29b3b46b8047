using Microsoft.Data.Sqlite;
using Vigil.Identity.Provisioning;
using Vigil.Record;
using Vigil.Record.Ledger;
using Vigil.Tests.Shared;

namespace Vigil.Cli.Tests;

public sealed class AuditCommandTests(AttackLabFixture lab) : IClassFixture<AttackLabFixture>
{
    [Fact]
    public async Task Audit_ProveCheckThenAnEditBehindVigilsBack_IsFoundAndNamed()
    {
        var (attack, attackOutput) = lab.Cli.Run("attack", "run", "T19-clock", "--server", lab.Server);
        Assert.True(attack == 0, attackOutput);
        var (device, sequence) = await FirstBatchAsync();
        var proofFile = Path.Combine(Path.GetDirectoryName(lab.Cli.DataFolder)!, "proof.json");
        var proved = -1;
        await Eventually.TrueAsync(() => (proved = lab.Cli.Run("audit", "prove", device, sequence, "--out", proofFile).ExitCode) == 0, "a checkpoint covering the batch", TimeSpan.FromSeconds(30));

        var (checkCode, checkOutput) = lab.Cli.Run("audit", "check", proofFile);
        var readingFile = Path.Combine(Path.GetDirectoryName(lab.Cli.DataFolder)!, "reading-proof.json");
        var (readingProved, readingProveOutput) = lab.Cli.Run("audit", "prove", device, sequence, "0", "--out", readingFile);
        var (readingCode, readingOutput) = lab.Cli.Run("audit", "check", readingFile);
        var forged = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(readingFile))!;
        forged["reading"]!["readings"]![0]!["at"] = forged["reading"]!["readings"]![0]!["at"]!.GetValue<long>() + 60_000;
        File.WriteAllText(readingFile, forged.ToJsonString());
        var (forgedCode, forgedOutput) = lab.Cli.Run("audit", "check", readingFile);
        var (intactCode, intactOutput) = lab.Cli.Run("audit", "verify");
        Edit($"UPDATE readings SET sealed_values = sealed_verdict WHERE device_id = '{device}' AND sequence = {sequence} AND idx = 0;");
        var (editedCode, editedOutput) = lab.Cli.Run("audit", "verify");

        Assert.Equal(0, proved);
        Assert.True(checkCode == 0, checkOutput);
        Assert.True(readingProved == 0, readingProveOutput);
        Assert.True(readingCode == 0, readingOutput);
        Assert.Contains($"reading 0 of {device}#{sequence}", readingOutput);
        Assert.Equal(1, forgedCode);
        Assert.Contains("not the readings the ledger recorded", forgedOutput);
        Assert.True(intactCode == 0, intactOutput);
        Assert.Contains("matches its ledger", intactOutput);
        Assert.Equal(1, editedCode);
        Assert.Contains($"{device}#{sequence}", editedOutput);
        Assert.Contains("readings", editedOutput);
    }

    [Fact]
    public void AuditCheck_NotAProof_IsAUsageError()
    {
        var file = Path.Combine(Path.GetDirectoryName(lab.Cli.DataFolder)!, "junk.json");
        File.WriteAllText(file, "{ not json");

        var (code, output) = lab.Cli.Run("audit", "check", file);

        Assert.Equal(2, code);
        Assert.Contains("not a proof", output);
    }

    [Fact]
    public void AuditProve_UnknownBatch_FailsWithAMessage()
    {
        var (code, output) = lab.Cli.Run("audit", "prove", "no-such-device", "1");

        Assert.Equal(5, code);
        Assert.Contains("not in the ledger", output);
    }

    private async Task<(string Device, string Sequence)> FirstBatchAsync()
    {
        await using var record = RecordStore.Open(new DataFolder(lab.Cli.DataFolder), null, TimeProvider.System);
        Assert.True(LedgerLeaf.TryParseBatchSubject(record.Ledger.Entries(0, 10_000).First(e => e.Kind == LedgerLeaf.BatchKind).Subject, out var device, out var sequence));
        return (device, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void Edit(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(lab.Cli.DataFolder, "vigil.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}

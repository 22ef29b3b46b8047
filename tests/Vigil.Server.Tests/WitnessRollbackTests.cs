using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Protocol.Sealing;
using Vigil.Record;
using Vigil.Record.Ledger;
using Vigil.Record.Registry;
using Vigil.Record.Witness;
using Vigil.Simulator.Transport;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

/// <summary>
/// Rollback of a whole data folder, seen from outside: a real <c>vigil witness serve</c>, a real
/// <c>vigil serve</c> asking it for cosignatures, and <c>vigil audit monitor</c> and
/// <c>vigil audit verify --witness</c> as a third party runs them. The folder is copied while the
/// server is stopped, the log grows and is witnessed, then the older copy is put back.
/// </summary>
public sealed partial class WitnessRollbackTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _work = Directory.CreateTempSubdirectory("vigil-rollback-").FullName;

    private string Data => Path.Combine(_work, "data");

    [Fact]
    public async Task OlderCopyOfTheDataFolder_PutBack_IsNamedByTheWitnessTheMonitorAndTheAudit()
    {
        var folder = new DataFolder(Data);
        folder.Initialize(TimeProvider.System, null);
        var device = await EnrollAsync(folder);
        var signing = Path.Combine(Data, "pki", "signing.crt");
        var ca = Path.Combine(Data, "pki", "platform-ca.crt");
        using var signingCertificate = folder.SigningCertificate;
        var origin = CheckpointSigner.OriginOf(signingCertificate);
        var ports = FreePorts.Take(5);

        using var witness = ServerProcess.Vigil(_work, "witness", "serve", "--state", Path.Combine(_work, "witness"), "--port", ports[4].ToString(CultureInfo.InvariantCulture), "--log-certificate", signing);
        await Eventually.TrueAsync(() => Listening().IsMatch(witness.Output) || witness.HasExited, "the witness to listen", Bound);
        Assert.False(witness.HasExited, witness.Output);
        var witnessUrl = $"http://127.0.0.1:{ports[4]}/";
        var vkey = Vkey().Match(witness.Output).Groups[1].Value;
        using var http = new HttpClient { BaseAddress = new Uri(witnessUrl) };
        async Task<long> WitnessedSize()
        {
            using var response = await http.GetAsync($"{WitnessState.OriginHash(origin)}/checkpoint");
            return response.IsSuccessStatusCode ? long.Parse((await response.Content.ReadAsStringAsync()).Split('\n')[1], CultureInfo.InvariantCulture) : 0;
        }

        string[] serve = ["--witness", $"{witnessUrl}={vkey}"];
        string[] monitor = ["audit", "monitor", "--log", $"https://127.0.0.1:{ports[0]}", "--ca", ca, "--certificate", signing, "--witness-key", vkey, "--state", Path.Combine(_work, "monitor"), "--once"];
        var backup = Path.Combine(_work, "older-copy");

        // A log of some size, witnessed; the server stopped and the folder copied.
        long older;
        using (var server = ServerProcess.Start(Data, ports[0], ports[1], ports[2], ports[3], serve))
        {
            var start = await HeadAsync(folder);
            await server.WaitUntilServingAsync();
            Assert.False(server.HasExited, server.Output);
            await SendAsync(device, folder, ports[1], 5);
            await Eventually.TrueAsync(async () => await WitnessedSize() >= start + 5, "the witness to cosign the first five batches", Bound);
            older = await WitnessedSize();
            Assert.True(await server.TerminateAsync(Bound), server.Output);
        }

        Copy(Data, backup);

        // The log grows on and the witness and the monitor see it grow.
        long later;
        using (var server = ServerProcess.Start(Data, ports[0], ports[1], ports[2], ports[3], serve))
        {
            await server.WaitUntilServingAsync();
            await SendAsync(device, folder, ports[1], 5);
            await Eventually.TrueAsync(async () => await WitnessedSize() >= older + 5, "the witness to cosign five batches more", Bound);
            later = await WitnessedSize();
            await Eventually.TrueAsync(
                async () => (await ServerProcess.RunAsync(_work, Bound, monitor)).Output.Contains($"size {later}", StringComparison.Ordinal),
                "the monitor to accept the witnessed checkpoint",
                Bound);
            Assert.True(await server.TerminateAsync(Bound), server.Output);
        }

        // The older copy put back, as a restore from backup would. Its own ledger is sound, but the
        // audit asks the witnesses the server was configured with, and names it behind.
        Directory.Delete(Data, recursive: true);
        Copy(backup, Data);
        var (restoredCode, restoredOutput) = await ServerProcess.RunAsync(_work, Bound, "audit", "verify", "--data", Data);
        Assert.True(restoredCode == 1, restoredOutput);
        Assert.Contains("matches its own ledger, but not the checkpoints kept outside it", restoredOutput);
        Assert.Contains($"behind its witnessed checkpoint of size {later}", restoredOutput);

        using (var server = ServerProcess.Start(Data, ports[0], ports[1], ports[2], ports[3], serve))
        {
            await server.WaitUntilServingAsync();
            Assert.False(server.HasExited, server.Output);
            await SendAsync(device, folder, ports[1], 2);

            // The witness refuses to cosign a smaller log and says so; the server raises it.
            await Eventually.TrueAsync(() => witness.Output.Contains("SHRANK", StringComparison.Ordinal), "the witness to name the shrink", Bound);
            await Eventually.TrueAsync(() => server.Output.Contains("WITNESS REFUSED", StringComparison.Ordinal), "the server to log the refusal", Bound);
            Assert.Equal(later, await WitnessedSize());

            // The monitor, holding the later checkpoint, names the shrink.
            var (shrinkCode, shrinkOutput) = await ServerProcess.RunAsync(_work, Bound, monitor);
            Assert.Equal(1, shrinkCode);
            Assert.Contains("ALARM", shrinkOutput);
            Assert.Contains("SHRINK", shrinkOutput);

            // The local audit, asked to hold the record against the witness, refuses it.
            var (behindCode, behindOutput) = await ServerProcess.RunAsync(_work, Bound, "audit", "verify", "--data", Data, "--witness", witnessUrl, "--witness-key", vkey);
            Assert.NotEqual(0, behindCode);
            Assert.Contains($"behind its witnessed checkpoint of size {later}", behindOutput);

            // Grown past the witnessed size, the restored log is a fork of it: named again.
            await SendAsync(device, folder, ports[1], (int)(later - older) + 3);
            await Eventually.TrueAsync(() => witness.Output.Contains("FORKED", StringComparison.Ordinal), "the witness to name the fork", Bound);
            await Eventually.TrueAsync(
                async () => (await ServerProcess.RunAsync(_work, Bound, monitor)).Output.Contains("FORK:", StringComparison.Ordinal),
                "the monitor to name the fork",
                Bound);
            Assert.Equal(later, await WitnessedSize());
            Assert.True(await server.TerminateAsync(Bound), server.Output);
        }

        await using var record = RecordStore.Open(folder, null, TimeProvider.System);
        Assert.True(await record.Events.CountAsync("witness-refused", cancellationToken: TestContext.Current.CancellationToken) >= 2, "a witness-refused security event for the shrink and for the fork");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"witness listening on http://")]
    private static partial Regex Listening();

    [GeneratedRegex(@"vkey (\S+)")]
    private static partial Regex Vkey();

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static async Task<long> HeadAsync(DataFolder folder)
    {
        await using var record = RecordStore.Open(folder, null, TimeProvider.System);
        return record.Ledger.Head().Size;
    }

    private static async Task<SimDevice> EnrollAsync(DataFolder folder)
    {
        var maker = folder.LoadDevelopmentMaker(null);
        var now = DateTimeOffset.UtcNow;
        var id = DeviceId.Parse("rollback-1");
        var certificate = maker.IssueDevice(id, new DeviceAttributes("K", "L", "1", "1"), now, now.AddDays(10));
        await using (var record = RecordStore.Open(folder, null, TimeProvider.System))
        {
            await record.Registry.EnrollDeviceAsync(new DeviceRecord(id, CertificateKeyId.HexOf(certificate), certificate.RawData, "K", "L", "x", "1", DeviceStatus.Active, null, now, null));
        }

        var sealer = new DeviceSealer(new SoftwareSecureElement(certificate, new MemorySequenceCounter()), RecipientKey.FromCertificate(folder.IngestCertificate), SHA256.HashData("fw"u8), TimeProvider.System);
        return new SimDevice(id, certificate, sealer);
    }

    private static async Task SendAsync(SimDevice device, DataFolder folder, int port, int count)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (sender, refusal) = await MqttSender.ConnectAsync("127.0.0.1", port, device.Certificate, folder.PlatformCaCertificate, cancellation);
        Assert.True(sender is not null, refusal);
        await using (sender)
        {
            for (var i = 0; i < count; i++)
            {
                var delivery = await sender.SendAsync(device.Id, device.Seal().Envelope, cancellation);
                Assert.True(delivery.Acknowledged, delivery.Code);
            }
        }
    }
}

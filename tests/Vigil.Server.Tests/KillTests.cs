using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Protocol.Sealing;
using Vigil.Record;
using Vigil.Record.Ledger;
using Vigil.Record.Registry;
using Vigil.Simulator.Transport;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

public sealed class KillTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-kill-").FullName;

    [Fact]
    public async Task KillNine_InTheMiddleOfALoad_LosesNoAcknowledgedBatch()
    {
        var folder = new DataFolder(_root);
        folder.Initialize(TimeProvider.System, null);
        var devices = await EnrollAsync(folder, 8);
        var ports = FreePorts.Take(4);
        var acknowledged = new ConcurrentBag<(DeviceId Device, ulong Sequence)>();
        var sent = new ConcurrentDictionary<(DeviceId, ulong), byte[]>();

        using (var server = ServerProcess.Start(_root, ports[0], ports[1], ports[2], ports[3]))
        {
            await server.WaitUntilServingAsync();
            Assert.False(server.HasExited, server.Output);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var load = devices.Select(d => SendUntilFailureAsync(d, folder, ports[1], acknowledged, sent, stop.Token)).ToList();
            await Eventually.TrueAsync(() => acknowledged.Count >= 300, "300 acknowledged batches", TimeSpan.FromSeconds(60));

            server.KillHard();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        Assert.True(acknowledged.Count >= 300);
        using (var restarted = ServerProcess.Start(_root, ports[0], ports[1], ports[2], ports[3]))
        {
            await restarted.WaitUntilServingAsync();
            Assert.False(restarted.HasExited, restarted.Output);
            await using var record = RecordStore.Open(folder, null, TimeProvider.System);
            foreach (var group in acknowledged.GroupBy(a => a.Device))
            {
                var stored = await record.Batches.ListSequencesAsync(group.Key, cancellationToken: TestContext.Current.CancellationToken);
                Assert.Equal(stored.Count, stored.Distinct().Count());
                var missing = group.Select(a => a.Sequence).Except(stored).ToList();
                Assert.True(missing.Count == 0, $"{group.Key}: acknowledged but missing {string.Join(", ", missing)}");
            }

            // The ledger committed with its batches: every stored batch has its entry, and nothing else does.
            using var signing = folder.SigningCertificate;
            using var key = signing.GetECDsaPublicKey()!;
            var audit = await new LedgerAudit(record.Ledger, record.Audit).VerifyAsync(
                key, CheckpointSigner.OriginOf(signing), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(audit.Intact, string.Join("; ", audit.Findings));
            Assert.Equal(await record.Batches.CountBatchesAsync(cancellationToken: TestContext.Current.CancellationToken), (record.Ledger.Entries(0, (int)audit.Entries)).Count(e => e.Kind == LedgerLeaf.BatchKind));

            var device = devices[0];
            var (sender, refusal) = await MqttSender.ConnectAsync("127.0.0.1", ports[1], device.Certificate, folder.PlatformCaCertificate, TestContext.Current.CancellationToken);
            Assert.True(sender is not null, refusal);
            await using (sender)
            {
                var replayed = acknowledged.First(a => a.Device == device.Id);
                var again = await sender.SendAsync(device.Id, sent[(replayed.Device, replayed.Sequence)], TestContext.Current.CancellationToken);
                Assert.Equal("duplicate", again.Code);
            }
        }
    }

    [Fact]
    public async Task Sigterm_StopsGracefullyAndReleasesTheDataFolder()
    {
        new DataFolder(_root).Initialize(TimeProvider.System, null);
        var ports = FreePorts.Take(4);
        using (var server = ServerProcess.Start(_root, ports[0], ports[1], ports[2], ports[3]))
        {
            await server.WaitUntilServingAsync();
            Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(30)), server.Output);
            Assert.Equal(0, server.ExitCode);
        }

        using var again = ServerProcess.Start(_root, ports[0], ports[1], ports[2], ports[3]);
        await again.WaitUntilServingAsync();
        Assert.False(again.HasExited, again.Output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<List<SimDevice>> EnrollAsync(DataFolder folder, int count)
    {
        var maker = folder.LoadDevelopmentMaker(null);
        var recipient = RecipientKey.FromCertificate(folder.IngestCertificate);
        var now = DateTimeOffset.UtcNow;
        await using var record = RecordStore.Open(folder, null, TimeProvider.System);
        var devices = new List<SimDevice>();
        for (var i = 0; i < count; i++)
        {
            var id = DeviceId.Parse($"kill-{i}");
            var certificate = maker.IssueDevice(id, new DeviceAttributes("K", "L", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "1"), now, now.AddDays(10));
            await record.Registry.EnrollDeviceAsync(new DeviceRecord(id, CertificateKeyId.HexOf(certificate), certificate.RawData, "K", "L", "x", "1", DeviceStatus.Active, null, now, null));
            var sealer = new DeviceSealer(new SoftwareSecureElement(certificate, new MemorySequenceCounter()), recipient, SHA256.HashData("fw"u8), TimeProvider.System);
            devices.Add(new SimDevice(id, certificate, sealer));
        }

        return devices;
    }

    private static async Task SendUntilFailureAsync(
        SimDevice device, DataFolder folder, int port, ConcurrentBag<(DeviceId, ulong)> acknowledged,
        ConcurrentDictionary<(DeviceId, ulong), byte[]> sent, CancellationToken stop)
    {
        var (sender, _) = await MqttSender.ConnectAsync("127.0.0.1", port, device.Certificate, folder.PlatformCaCertificate, stop);
        if (sender is null)
        {
            return;
        }

        await using (sender)
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var batch = device.Seal();
                    sent[(device.Id, batch.Sequence)] = batch.Envelope;
                    var delivery = await sender.SendAsync(device.Id, batch.Envelope, stop);
                    if (delivery.Acknowledged)
                    {
                        acknowledged.Add((device.Id, batch.Sequence));
                    }
                }
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // The server was killed: the batch in flight was never acknowledged.
            }
        }
    }
}

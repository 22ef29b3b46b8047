using System.Security.Cryptography;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;
using Vigil.Protocol;
using Vigil.Protocol.Sealing;
using Vigil.Record;
using Vigil.Record.Registry;
using Vigil.Simulator.Transport;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

/// <summary>
/// A revocation by the CLI, in a process of its own beside a running <c>vigil serve</c> (also a
/// process of its own) on the same SQLite data folder, takes effect within the bound that
/// docs/gateway.md states: the next batch on the device's open MQTT session is refused, and so is its
/// next CONNECT.
/// </summary>
public sealed class RevocationBoundTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-bound-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revoke_FromTheCliBesideARunningServer_RefusesTheNextBatchAndConnectWithinTheBound()
    {
        var folder = new DataFolder(_root);
        folder.Initialize(TimeProvider.System, null);
        var device = await EnrollAsync(folder, "bound-cgm-1");
        var ports = FreePorts.Take(4);
        using var server = ServerProcess.Start(_root, ports[0], ports[1], ports[2], ports[3]);
        await server.WaitUntilServingAsync();
        Assert.False(server.HasExited, server.Output);
        var (sender, refusal) = await MqttSender.ConnectAsync("127.0.0.1", ports[1], device.Certificate, folder.PlatformCaCertificate, Ct);
        Assert.True(sender is not null, refusal);
        await using (sender)
        {
            Assert.Equal(Outcomes.Stored.Code, (await sender.SendAsync(device.Id, device.Seal().Envelope, Ct)).Code);

            var (exit, output) = await ServerProcess.RunAsync(_root, TimeSpan.FromSeconds(60), "device", "revoke", device.Id.Value, "--reason", "stolen", "--data", _root);
            Assert.True(exit == 0, output);

            var last = "nothing tried";
            await Eventually.TrueAsync(
                async () =>
                {
                    var batch = await sender.SendAsync(device.Id, device.Seal().Envelope, Ct);
                    if (batch.Code != Outcomes.DeviceRevoked.Code)
                    {
                        last = $"a batch on the open session answered {batch.Code}";
                        return false;
                    }

                    var (again, why) = await MqttSender.ConnectAsync("127.0.0.1", ports[1], device.Certificate, folder.PlatformCaCertificate, Ct);
                    await using (again)
                    {
                        last = again is null ? $"CONNECT refused: {why}" : "CONNECT accepted";
                        return again is null && why == Outcomes.DeviceRevoked.Code;
                    }
                },
                () => $"the revocation to take effect ({last}); server output: {server.Output}",
                RegistryCache.ChangeBound);
        }
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

    private static async Task<SimDevice> EnrollAsync(DataFolder folder, string name)
    {
        var id = DeviceId.Parse(name);
        var now = DateTimeOffset.UtcNow;
        var certificate = folder.LoadDevelopmentMaker(null).IssueDevice(id, new DeviceAttributes("B", "L", name, "1"), now.AddHours(-1), now.AddDays(1));
        await using (var record = RecordStore.Open(folder, null, TimeProvider.System))
        {
            await record.Registry.EnrollDeviceAsync(new DeviceRecord(id, CertificateKeyId.HexOf(certificate), certificate.RawData, "B", "L", name, "1", DeviceStatus.Active, null, now, null), Ct);
        }

        var sealer = new DeviceSealer(
            new SoftwareSecureElement(certificate, new MemorySequenceCounter()), RecipientKey.FromCertificate(folder.IngestCertificate), SHA256.HashData("fw"u8), TimeProvider.System);
        return new SimDevice(id, certificate, sealer);
    }
}

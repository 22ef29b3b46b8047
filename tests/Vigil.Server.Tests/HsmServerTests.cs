using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Identity.Keys;
using Vigil.Protocol.Receipts;
using Vigil.Record;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

/// <summary>A real server whose platform keys live on a SoftHSM2 token: ingest decryption, receipts, checkpoints and data keys all use it.</summary>
public sealed class HsmServerTests
{
    [Fact]
    public async Task Ingest_PlatformKeysOnAToken_StoresSealedWithAReceiptSignedThere()
    {
        Environment.SetEnvironmentVariable(Pkcs11Settings.PinVariable, SoftHsm.Pin);
        var token = SoftHsm.NewToken();
        await using var server = new ServerFixture(StoreKind.Sqlite, token);
        await server.StartAsync();
        var device = await server.DeviceAsync("hsm-cgm-1");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        var batch = device.Seal(112);

        var delivery = await sender.SendAsync(device.Id, batch.Envelope, TestContext.Current.CancellationToken);

        Assert.True(delivery.Acknowledged, delivery.Code);
        using var signing = server.Folder.SigningCertificate;
        using var key = signing.GetECDsaPublicKey()!;
        Assert.Equal(SHA256.HashData(batch.Envelope), ReceiptCodec.Verify(delivery.Receipt, key)!.EnvelopeDigest);
        var record = server.App.Services.GetRequiredService<RecordStore>();
        Assert.StartsWith("PKCS#11", record.Cipher.Keys.KeyStore, StringComparison.Ordinal);
        using var store = new Pkcs11KeyStore(token, SoftHsm.Pin);
        Assert.True(store.Contains("kek-1"));
        Assert.True(store.Contains("ingest"));
        Assert.Empty(Directory.GetFiles(Path.Combine(server.Root, "keys"), "*.key"));
        Assert.Equal([0xD2, 0x84], (await server.Batches.FindBatchAsync(device.Id, batch.Sequence, cancellationToken: TestContext.Current.CancellationToken))!.SignedBatch[..2]);
    }
}

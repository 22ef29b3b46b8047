using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Verification;
using Vigil.Record;
using Vigil.Record.Readings;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests;

/// <summary>No setting turns protection off: a record opens as it was made, and only the benchmark's own records serve its references.</summary>
public sealed class ProtectionTests
{
    [Fact]
    public async Task Serve_SettingsThatOnceSwitchedProtectionOff_ChangeNothing()
    {
        await using var server = new ServerFixture();
        server.Settings["Vigil:Unprotected"] = "true";
        server.Settings["Vigil:Verification"] = "false";
        await server.StartAsync();
        var device = await server.DeviceAsync("cgm-no-switch");
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);

        var delivery = await sender.SendAsync(device.Id, device.Seal(111).Envelope, TestContext.Current.CancellationToken);

        Assert.True(delivery.Acknowledged, delivery.Code);
        var record = server.App.Services.GetRequiredService<RecordStore>();
        Assert.Equal(RecordProfile.Clinical, record.Profile);
        Assert.True(record.Cipher.Protects);
        Assert.Single(record.Ledger.Entries(0, 1000), e => e.Kind == Vigil.Record.Ledger.LedgerLeaf.BatchKind);
        var reading = Assert.Single(await server.App.Services.GetRequiredService<IReadingStore>().QueryAsync(new ReadingQuery { DeviceId = device.Id }, TestContext.Current.CancellationToken));
        Assert.DoesNotContain(ReasonCodes.NotVerified, reading.Verdict.Reasons);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Serve_ABenchmarksRecord_IsRefused(bool protect)
    {
        await using var server = new ServerFixture();
        await server.MakeBenchmarkRecordAsync(protect);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);

        Assert.Contains("vigil serve serves clinical records only", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Unprotected")]
    [InlineData("Unverified")]
    public async Task ReferenceServer_OnAClinicalRecord_IsRefused(string reference)
    {
        await using var server = new ServerFixture { Reference = Enum.Parse<BenchReference>(reference) };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);

        Assert.Contains("never on a clinical record", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MakeBenchmark_ARecordThatHoldsData_KeepsItsProfile()
    {
        await using var server = new ServerFixture();
        await server.StartAsync();
        await server.DeviceAsync("cgm-held");
        await server.StopAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.MakeBenchmarkRecordAsync(protect: false));
        await server.StartAsync();
        Assert.True(server.App.Services.GetRequiredService<RecordStore>().Cipher.Protects);
    }
}

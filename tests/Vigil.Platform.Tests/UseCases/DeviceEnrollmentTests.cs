using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Platform.Devices;
using Vigil.Platform.UseCases;

namespace Vigil.Platform.Tests.UseCases;

public sealed class DeviceEnrollmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EnrollAsync_CertificateOfAMakerTheFolderDoesNotTrust_IsRefusedAndNothingIsEnrolled()
    {
        await using var harness = new IngestHarness();
        var now = DateTimeOffset.UtcNow;
        var rogue = MakerAuthority.Create("Rogue Maker", now.AddDays(-1), TimeSpan.FromDays(30));
        using var certificate = rogue.IssueDevice(DeviceId.Parse("rogue-1"), new DeviceAttributes("M", "L", "1", "1"), now.AddMinutes(-5), now.AddDays(1));

        var result = await harness.Get<DeviceEnrollment>().EnrollAsync(certificate, Ct);

        Assert.Equal(RefusalKind.Conflict, result.Refusal?.Kind);
        Assert.Equal(DeviceEnrollment.UntrustedCertificate, result.Refusal?.Code);
        Assert.StartsWith("the certificate is not trusted", result.Refusal?.Message, StringComparison.Ordinal);
        Assert.Null(await harness.Record.Registry.FindDeviceAsync(DeviceId.Parse("rogue-1"), Ct));
    }

    [Fact]
    public async Task EnrollAsync_SameDeviceTwice_SecondIsRefusedAsAlreadyEnrolled()
    {
        await using var harness = new IngestHarness();
        var now = DateTimeOffset.UtcNow;
        var id = DeviceId.Parse("cgm-7");
        using var certificate = harness.Folder.LoadDevelopmentMaker(null).IssueDevice(id, new DeviceAttributes("G7", "L1", "7", "1.0"), now.AddMinutes(-5), now.AddDays(1));
        var enrollment = harness.Get<DeviceEnrollment>();

        var first = await enrollment.EnrollAsync(certificate, Ct);
        var second = await enrollment.EnrollAsync(certificate, Ct);

        Assert.True(first.IsDone, first.Refusal?.Message);
        Assert.Equal(("G7", "L1", DeviceStatus.Active), (first.Value!.Model, first.Value.Lot, first.Value.Status));
        Assert.Equal(DeviceEnrollment.AlreadyEnrolled, second.Refusal?.Code);
        Assert.Equal($"device {id} (or its certificate) is already enrolled", second.Refusal?.Message);
        Assert.Single(await harness.Record.Registry.ListDevicesAsync(Ct));
    }
}

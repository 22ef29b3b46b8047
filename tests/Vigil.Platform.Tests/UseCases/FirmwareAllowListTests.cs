using Vigil.Platform.UseCases;
using Vigil.Platform.Verification;

namespace Vigil.Platform.Tests.UseCases;

public sealed class FirmwareAllowListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("xyz")]
    [InlineData("ab")]
    [InlineData("gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")]
    public async Task AllowAsync_DigestThatIsNotASha256_IsRefusedAndNothingIsListed(string digest)
    {
        await using var harness = new IngestHarness();

        var result = await harness.Get<FirmwareAllowList>().AllowAsync("G7", digest, "1.2", Ct);

        Assert.Equal((RefusalKind.Invalid, FirmwareAllowList.InvalidDigest), (result.Refusal?.Kind, result.Refusal?.Code));
        Assert.Empty(await harness.Record.Trust.FirmwareAsync(Ct));
    }

    [Fact]
    public async Task AllowAsync_Sha256InHex_IsListedForTheModel()
    {
        await using var harness = new IngestHarness();

        var result = await harness.Get<FirmwareAllowList>().AllowAsync("G7", new string('a', 64), "1.2", Ct);

        Assert.True(result.IsDone, result.Refusal?.Message);
        var listed = Assert.Single(await harness.Record.Trust.FirmwareAsync(Ct));
        Assert.Equal(("G7", "1.2", new string('a', 64)), (listed.Model, listed.Version, Convert.ToHexStringLower(listed.Digest)));
    }
}

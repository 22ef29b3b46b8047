using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Record.Ledger;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

public sealed class LedgerApiTests(CheckpointingServerFixture server) : IClassFixture<CheckpointingServerFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Ledger_StoredBatch_IsProvableAgainstTheSignedCheckpoint()
    {
        var device = await server.DeviceAsync("ledger-1");
        using var https = server.Https(device.Certificate);
        var batch = device.Seal();
        Assert.Equal("stored", (await https.SendAsync(device.Id, batch.Envelope, Ct)).Code);
        using var api = server.Api(server.Folder.EnsureOperatorToken());
        HttpResponseMessage? proof = null;
        await Eventually.TrueAsync(
            () => (proof = api.GetAsync($"/api/v1/ledger/proof?device=ledger-1&sequence={batch.Sequence}", Ct).GetAwaiter().GetResult()).IsSuccessStatusCode,
            "a checkpoint covering the batch", TimeSpan.FromSeconds(20));

        var document = (await proof!.Content.ReadFromJsonAsync<InclusionProofDocument>(Web, Ct))!;
        var checkpoint = await api.GetStringAsync("/api/v1/ledger/checkpoint", Ct);
        using var signing = server.Folder.SigningCertificate;
        using var key = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPublicKey(signing)!;

        Assert.True(LedgerProofs.Check(document, key, CheckpointSigner.OriginOf(signing)));
        Assert.StartsWith(CheckpointSigner.OriginOf(signing) + "\n", checkpoint);
        Assert.Equal("ledger-1#" + batch.Sequence, document.Subject);
        var reading = (await api.GetFromJsonAsync<InclusionProofDocument>($"/api/v1/ledger/proof?device=ledger-1&sequence={batch.Sequence}&index=0", Web, Ct))!;
        Assert.True(LedgerProofs.CheckReading(reading, key, CheckpointSigner.OriginOf(signing)).Verified);
    }

    [Fact]
    public async Task Proof_WithoutToken_Is401()
    {
        using var api = server.Api(null);

        var response = await api.GetAsync("/api/v1/ledger/proof?device=x&sequence=1", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/ledger/consistency?from=5&to=1", HttpStatusCode.BadRequest, "invalid-sizes")]
    [InlineData("/api/v1/ledger/consistency", HttpStatusCode.BadRequest, "invalid-sizes")]
    [InlineData("/api/v1/ledger/proof?device=nobody&sequence=1", HttpStatusCode.NotFound, "not-in-ledger")]
    [InlineData("/api/v1/ledger/proof?device=nobody&sequence=1&index=0", HttpStatusCode.NotFound, "not-in-ledger")]
    [InlineData("/api/v1/ledger/proof", HttpStatusCode.BadRequest, "invalid-query")]
    public async Task Ledger_BadQuery_IsProblemJson(string path, HttpStatusCode status, string code)
    {
        using var api = server.Api(server.Folder.EnsureOperatorToken());

        var response = await api.GetAsync(path, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

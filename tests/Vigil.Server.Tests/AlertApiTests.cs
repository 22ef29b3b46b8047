using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Readings;
using Vigil.Record.Clinical;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

public sealed class AlertApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AlertOnUnverifiedData_EscalateIsRefusedUntilConfirmed()
    {
        var id = await RaiseDesaturationAsync("api-oxi-1", "api-p-1");
        using var api = server.Api(server.Folder.EnsureOperatorToken());

        var listed = await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts?patient=api-p-1", Ct);
        var early = await api.PostAsJsonAsync($"/api/v1/alerts/{id}/escalate", new { by = "dr-ames" }, Ct);
        var confirmed = await api.PostAsJsonAsync($"/api/v1/alerts/{id}/confirm", new { by = "dr-ames", note = "patient called, SpO2 85 on a second meter" }, Ct);
        var escalated = await api.PostAsJsonAsync($"/api/v1/alerts/{id}/escalate", new { by = "dr-ames" }, Ct);

        var alert = Assert.Single(listed.EnumerateArray());
        Assert.True(alert.GetProperty("unconfirmed").GetBoolean());
        Assert.Equal("spo2-low", alert.GetProperty("rule").GetString());
        await AssertProblemAsync(early, HttpStatusCode.Conflict, "action-refused");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);
        var final = await escalated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("escalated", final.GetProperty("status").GetString());
        Assert.Equal(["confirm", "escalate"], final.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Alerts_WithoutToken_Are401ProblemJson()
    {
        using var api = server.Api(null);

        var response = await api.GetAsync("/api/v1/alerts", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Alerts_WrongToken_Is401AndASecurityEvent()
    {
        using var api = server.Api("not-the-token");

        var response = await api.PostAsJsonAsync("/api/v1/alerts/1/dismiss", new { by = "mallory" }, Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        await server.WaitForEventAsync("api-unauthorized");
    }

    [Theory]
    [InlineData("/api/v1/alerts/999999/confirm", "{\"by\":\"dr-ames\"}", HttpStatusCode.NotFound, "alert-not-found")]
    [InlineData("/api/v1/alerts/1/launch", "{\"by\":\"dr-ames\"}", HttpStatusCode.BadRequest, "unknown-action")]
    [InlineData("/api/v1/alerts/1/2", "{\"by\":\"dr-ames\"}", HttpStatusCode.BadRequest, "unknown-action")]
    [InlineData("/api/v1/alerts/1/confirm", "{}", HttpStatusCode.BadRequest, "invalid-body")]
    public async Task Act_BadRequest_IsProblemJsonWithItsCode(string path, string body, HttpStatusCode status, string code)
    {
        using var api = server.Api(server.Folder.EnsureOperatorToken());

        var response = await api.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, status, code);
    }

    [Fact]
    public async Task Act_MalformedJson_IsA400Problem()
    {
        using var api = server.Api(server.Folder.EnsureOperatorToken());

        var response = await api.PostAsync("/api/v1/alerts/1/confirm", new StringContent("{\"by\":", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> RaiseDesaturationAsync(string deviceId, string patientId)
    {
        var device = server.Device(deviceId);
        server.Registry.AddPatient(patientId, "API test patient", DateTimeOffset.UtcNow);
        server.Registry.BindDeviceToPatient(device.Id, patientId);
        server.RegistryChanged();
        using var https = server.Https(device.Certificate);
        var end = DateTimeOffset.UtcNow;
        var readings = Enumerable.Range(0, 60).Select(s => Reading.Single(MeasurementKind.OxygenSaturation, end.AddSeconds(s - 60), 85, "%")).ToList();
        var delivery = await https.SendAsync(device.Id, device.Sealer.Seal(readings).Envelope, Ct);
        Assert.Equal("stored", delivery.Code);
        var clinical = server.App.Services.GetRequiredService<IClinicalStore>();
        await Eventually.TrueAsync(() => clinical.Alerts(patientId).Count > 0, "the desaturation alert");
        return clinical.Alerts(patientId).Single().Id;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Record.Access;
using Vigil.Record.Clinical;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

public sealed class AlertApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AlertOnUnverifiedData_EscalateIsRefusedUntilConfirmed()
    {
        var id = await RaiseDesaturationAsync("api-oxi-1", "api-p-1", "api-ward-1");
        await server.StaffAsync("dr-ames", StaffRole.Clinician, "api-ward-1");
        using var api = await server.SignInAsync("dr-ames");

        var listed = await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts?patient=api-p-1", Ct);
        var early = await api.PostAsJsonAsync($"/api/v1/alerts/{id}/escalate", new { }, Ct);
        var confirmed = await api.PostAsJsonAsync($"/api/v1/alerts/{id}/confirm", new { note = "patient called, SpO2 85 on a second meter" }, Ct);
        var escalated = await api.PostAsJsonAsync($"/api/v1/alerts/{id}/escalate", new { }, Ct);

        var alert = Assert.Single(listed.EnumerateArray());
        Assert.True(alert.GetProperty("unconfirmed").GetBoolean());
        Assert.Equal("spo2-low", alert.GetProperty("rule").GetString());
        await AssertProblemAsync(early, HttpStatusCode.Conflict, "action-refused");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);
        var final = await escalated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("escalated", final.GetProperty("status").GetString());
        Assert.Equal(["confirm", "escalate"], final.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.Equal(["dr-ames", "dr-ames"], final.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("by").GetString()));
        Assert.Equal(
            ["alert.escalate", "alert.confirm", "alert.escalate", "alerts"],
            (await server.Access.AccessesAsync(new AccessQuery(PatientId: PatientId.Parse("api-p-1"), UserId: "dr-ames"), cancellationToken: TestContext.Current.CancellationToken)).Select(a => a.What));
    }

    [Fact]
    public async Task AlertOfAnotherTeamsPatient_IsRefusedByIdLikeThePatient()
    {
        var id = await RaiseDesaturationAsync("api-oxi-2", "api-p-2", "api-ward-2");
        await server.StaffAsync("dr-other", StaffRole.Clinician, "api-ward-other");
        using var api = await server.SignInAsync("dr-other");

        var shown = await api.GetAsync($"/api/v1/alerts/{id}", Ct);
        var acted = await api.PostAsJsonAsync($"/api/v1/alerts/{id}/dismiss", new { note = "not mine" }, Ct);
        var listed = await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts", Ct);

        await AssertProblemAsync(shown, HttpStatusCode.Forbidden, "not-in-care");
        await AssertProblemAsync(acted, HttpStatusCode.Forbidden, "not-in-care");
        Assert.DoesNotContain(listed.EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
        Assert.Equal(Domain.Clinical.AlertStatus.Open, await AlertStatusOfAsync(id));
        await server.WaitForEventAsync("access-denied");
    }

    [Fact]
    public async Task Alerts_WithoutSignIn_Are401ProblemJson()
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

        var response = await api.PostAsJsonAsync("/api/v1/alerts/1/dismiss", new { }, Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        await server.WaitForEventAsync("api-unauthorized");
    }

    [Theory]
    [InlineData("/api/v1/alerts/999999/confirm", "{}", HttpStatusCode.NotFound, "alert-not-found")]
    [InlineData("/api/v1/alerts/1/launch", "{}", HttpStatusCode.BadRequest, "unknown-action")]
    [InlineData("/api/v1/alerts/1/2", "{}", HttpStatusCode.BadRequest, "unknown-action")]
    public async Task Act_BadRequest_IsProblemJsonWithItsCode(string path, string body, HttpStatusCode status, string code)
    {
        await server.StaffAsync("dr-bad-request", StaffRole.Clinician);
        using var api = await server.SignInAsync("dr-bad-request");

        var response = await api.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, status, code);
    }

    [Fact]
    public async Task Act_MalformedJson_IsA400Problem()
    {
        await server.StaffAsync("dr-malformed", StaffRole.Clinician);
        using var api = await server.SignInAsync("dr-malformed");

        var response = await api.PostAsync("/api/v1/alerts/1/confirm", new StringContent("{\"note\":", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Domain.Clinical.AlertStatus> AlertStatusOfAsync(long id) => (await server.App.Services.GetRequiredService<IClinicalStore>().FindAlertAsync(id, TestContext.Current.CancellationToken))!.Status;

    private async Task<long> RaiseDesaturationAsync(string deviceId, string patientId, string team)
    {
        var device = await server.DeviceAsync(deviceId);
        await server.Registry.AddPatientAsync(PatientId.Parse(patientId), "API test patient", DateTimeOffset.UtcNow);
        await server.Registry.BindDeviceToPatientAsync(device.Id, PatientId.Parse(patientId));
        await server.Access.AddTeamAsync(team, team, DateTimeOffset.UtcNow);
        await server.Access.AssignPatientAsync(team, PatientId.Parse(patientId));
        await server.RegistryChanged();
        using var https = server.Https(device.Certificate);
        var end = DateTimeOffset.UtcNow;
        var readings = Enumerable.Range(0, 60).Select(s => Reading.Single(MeasurementKind.OxygenSaturation, end.AddSeconds(s - 60), 85, "%")).ToList();
        var delivery = await https.SendAsync(device.Id, device.Sealer.Seal(readings).Envelope, Ct);
        Assert.Equal("stored", delivery.Code);
        var clinical = server.App.Services.GetRequiredService<IClinicalStore>();
        await Eventually.TrueAsync(async () => (await clinical.AlertsAsync(PatientId.Parse(patientId))).Count > 0, "the desaturation alert");
        return (await clinical.AlertsAsync(PatientId.Parse(patientId))).Single().Id;
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }
}

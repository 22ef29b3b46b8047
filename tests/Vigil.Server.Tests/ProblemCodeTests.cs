using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Domain.Access;
using Vigil.Domain.Patients;

namespace Vigil.Server.Tests;

/// <summary>Every error of the API, the framework's own among them, is problem+json with a stable <c>code</c>.</summary>
public sealed class ProblemCodeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, string?, string, int, string> Cases() => new()
    {
        { "anonymous", "GET", "/api/v1/patients", null, "", 401, "unauthorized" },
        { "clinician", "GET", "/api/v1/devices", null, "", 403, "forbidden" },
        { "clinician", "GET", "/api/v1/patients/problem-stranger/readings", null, "", 403, "not-in-care" },
        { "clinician", "GET", "/api/v1/patients/p!1/readings", null, "", 400, "invalid-patient" },
        { "clinician", "GET", "/api/v1/patients/a%2Fb", null, "", 400, "invalid-patient" },
        { "clinician", "POST", "/api/v1/patients/p%20x/break-glass", "application/json", "{\"text\":\"a reason long enough to be typed\"}", 400, "invalid-patient" },
        { "clinician", "GET", "/api/v1/alerts?patient=p%3B1", null, "", 400, "invalid-patient" },
        { "clinician", "GET", "/api/v1/no-such-thing", null, "", 404, "not-found" },
        { "clinician", "GET", "/api/v1/alerts/999999", null, "", 404, "alert-not-found" },
        { "clinician", "DELETE", "/api/v1/patients", null, "", 405, "method-not-allowed" },
        { "anonymous", "POST", "/api/v1/session", "application/json", "{ not json", 400, "bad-request" },
        { "anonymous", "POST", "/api/v1/session", "text/plain", "user=a", 415, "unsupported-media-type" },
        { "anonymous", "POST", "/api/v1/session", "application/json", "{\"user\":\"nobody\",\"password\":\"wrong\"}", 401, "sign-in-refused" },
        { "clinician", "POST", "/api/v1/patients/problem-stranger/break-glass", "application/json", "{\"text\":\"no\"}", 400, "reason-required" },
        { "analyst", "GET", "/api/v1/ledger/consistency?from=abc&to=1", null, "", 400, "bad-request" },
        { "analyst", "POST", "/api/v1/devices/no-such-device/frobnicate", "application/json", "{}", 400, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Error_OfAnyKind_IsProblemJsonWithACode(string who, string method, string path, string? type, string body, int status, string code)
    {
        Assert.True(await server.Registry.AddPatientAsync(PatientId.Parse("problem-stranger"), "Not Theirs", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken) || await server.Registry.FindPatientAsync(PatientId.Parse("problem-stranger"), cancellationToken: TestContext.Current.CancellationToken) is not null);
        using var client = who switch
        {
            "clinician" => await server.SignInAsync(await server.StaffAsync("dr-problem", StaffRole.Clinician, "problem-ward")),
            "analyst" => await server.SignInAsync(await server.StaffAsync("analyst-problem", StaffRole.Analyst)),
            _ => server.Api(null),
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (type is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
        }

        var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.TryGetProperty("code", out var named) && named.GetString() is { Length: > 0 }, text);
        if (code.Length > 0)
        {
            Assert.Equal(code, named.GetString());
        }
    }
}

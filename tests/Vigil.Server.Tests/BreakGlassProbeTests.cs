using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Record.Access;

namespace Vigil.Server.Tests;

/// <summary>Break-glass cannot be used to find out which patient ids exist: an unknown id is answered as a real patient outside the care team is.</summary>
public sealed class BreakGlassProbeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BreakGlass_UnknownPatient_AnswersAsAPatientOutsideTheCareTeam()
    {
        Assert.True(await server.Registry.AddPatientAsync(PatientId.Parse("probe-real"), "Real Patient", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await server.Registry.AddPatientAsync(PatientId.Parse("probe-other-real"), "Other Patient", DateTimeOffset.UtcNow, cancellationToken: TestContext.Current.CancellationToken));
        await server.StaffAsync("dr-probe", StaffRole.Clinician, "probe-ward");
        using var api = await server.SignInAsync("dr-probe");
        const string Reason = "checking whether this id is somebody, on the night shift";

        var real = await api.PostAsJsonAsync("/api/v1/patients/probe-real/break-glass", new { text = Reason }, Ct);
        var unknown = await api.PostAsJsonAsync("/api/v1/patients/probe-nobody/break-glass", new { text = Reason }, Ct);
        var realReadBefore = await api.GetAsync("/api/v1/patients/probe-other-real/readings", Ct);
        var unknownRead = await api.GetAsync("/api/v1/patients/probe-other-nobody/readings", Ct);

        Assert.Equal(HttpStatusCode.Created, real.StatusCode);
        Assert.Equal(real.StatusCode, unknown.StatusCode);
        Assert.Equal(Names(real), Names(unknown));
        Assert.Equal(real.Content.Headers.ContentType?.ToString(), unknown.Content.Headers.ContentType?.ToString());
        Assert.Equal(Shape(await real.Content.ReadFromJsonAsync<JsonElement>(Ct)), Shape(await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.Equal(realReadBefore.StatusCode, unknownRead.StatusCode);
        Assert.Contains(await server.Access.AccessesAsync(new AccessQuery(PatientId: PatientId.Parse("probe-nobody"), UserId: "dr-probe"), cancellationToken: TestContext.Current.CancellationToken), a => a.What == "break-glass.open");
        await Vigil.Tests.Shared.Eventually.TrueAsync(
            async () => (await server.Events.ListAsync(new Vigil.Record.Events.EventQuery("break-glass"))).Any(e => e.Detail.Contains("probe-nobody", StringComparison.Ordinal) && e.Detail.Contains("no such patient", StringComparison.Ordinal)),
            "a break-glass event telling the security team the patient does not exist");
    }

    private static string[] Names(HttpResponseMessage response) =>
        [.. response.Headers.Select(h => h.Key).Where(k => k is not "Date" and not "Location").Order(StringComparer.Ordinal)];

    private static string Shape(JsonElement body) => string.Join(",", body.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}"));
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Access;
using Vigil.Record;
using Vigil.Record.Access;
using Vigil.Record.Ledger;
using Vigil.Server.Hosting;
using Vigil.Tests.Shared;
using static Vigil.Server.Tests.AlertApiTests;
using Vigil.Domain.Patients;

namespace Vigil.Server.Tests;

/// <summary>T18: each access-control rule of the API, against a real server.</summary>
public sealed class AccessApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Clinician_SeesTheirTeamsPatientsOnlyAndEveryReadIsLedgered()
    {
        var mine = await PatientWithReadingsAsync("acc-p-mine", "acc-ward-a", 111);
        await PatientWithReadingsAsync("acc-p-theirs", "acc-ward-b", 222);
        await server.StaffAsync("dr-a", StaffRole.Clinician, "acc-ward-a");
        using var api = await server.SignInAsync("dr-a");

        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/patients", Ct);
        var readings = await api.GetFromJsonAsync<JsonElement>($"/api/v1/patients/{mine}/readings?kind=Glucose", Ct);

        Assert.Equal([mine], list.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal("care-team", list[0].GetProperty("access").GetString());
        Assert.Equal(111, readings[0].GetProperty("values")[0].GetDouble());
        var accesses = await server.Access.AccessesAsync(new AccessQuery(UserId: "dr-a"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["patient.readings", "patient.summary"], accesses.Select(a => a.What));
        Assert.All(accesses, a => Assert.NotNull(server.App.Services.GetRequiredService<ILedger>().Find(LedgerLeaf.AccessKind, LedgerLeaf.AccessSubject(a.Id))));
    }

    [Theory]
    [InlineData("/api/v1/patients/{0}")]
    [InlineData("/api/v1/patients/{0}/readings")]
    [InlineData("/api/v1/patients/{0}/calibrations")]
    public async Task Clinician_AnotherTeamsPatientById_Is403AndASecurityEventNotALedgerRead(string path)
    {
        var theirs = await PatientWithReadingsAsync($"acc-p-idor-{path.Length}", $"acc-ward-idor-{path.Length}", 95);
        var user = await server.StaffAsync($"dr-idor-{path.Length}", StaffRole.Clinician, "acc-ward-none");
        using var api = await server.SignInAsync(user);

        var refused = await api.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, theirs), Ct);
        var unknown = await api.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, "no-such-patient"), Ct);

        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "not-in-care");
        await AssertProblemAsync(unknown, HttpStatusCode.Forbidden, "not-in-care");
        Assert.Empty(await server.Access.AccessesAsync(new AccessQuery(UserId: user), cancellationToken: TestContext.Current.CancellationToken));
        await Eventually.TrueAsync(
            async () => (await server.Events.ListAsync(new Record.Events.EventQuery("access-denied"))).Any(e => e.Principal == user && e.Detail.Contains(theirs, StringComparison.Ordinal)),
            "the access-denied event");
    }

    [Fact]
    public async Task Analyst_SeesTheFleetWithoutPatientDataAndIsRefusedPatients()
    {
        var patient = await PatientWithReadingsAsync("acc-p-fleet", "acc-ward-fleet", 140);
        await server.StaffAsync("analyst-1", StaffRole.Analyst);
        using var api = await server.SignInAsync("analyst-1");

        var devices = await api.GetAsync("/api/v1/devices", Ct);
        var patients = await api.GetAsync("/api/v1/patients", Ct);
        var readings = await api.GetAsync($"/api/v1/patients/{patient}/readings", Ct);
        var alerts = await api.GetAsync("/api/v1/alerts", Ct);
        var users = await api.GetAsync("/api/v1/users", Ct);

        Assert.Equal(HttpStatusCode.OK, devices.StatusCode);
        var fleet = await devices.Content.ReadAsStringAsync(Ct);
        Assert.Contains(DeviceOf(patient), fleet, StringComparison.Ordinal);
        Assert.DoesNotContain(patient, fleet, StringComparison.Ordinal);
        await AssertProblemAsync(patients, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(readings, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(alerts, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(users, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Analyst_QuarantinesADevice_TheCareTeamIsToldAndRevocationIsFinal()
    {
        var patient = await PatientWithReadingsAsync("acc-p-quar", "acc-ward-quar", 150);
        await server.StaffAsync("analyst-2", StaffRole.Analyst);
        using var api = await server.SignInAsync("analyst-2");

        var noReason = await api.PostAsJsonAsync($"/api/v1/devices/{DeviceOf(patient)}/quarantine", new { }, Ct);
        var quarantined = await api.PostAsJsonAsync($"/api/v1/devices/{DeviceOf(patient)}/quarantine", new { text = "clone suspected" }, Ct);
        var revoked = await api.PostAsJsonAsync($"/api/v1/devices/{DeviceOf(patient)}/revoke", new { text = "stolen" }, Ct);
        var again = await api.PostAsJsonAsync($"/api/v1/devices/{DeviceOf(patient)}/quarantine", new { text = "oops" }, Ct);

        await AssertProblemAsync(noReason, HttpStatusCode.BadRequest, "reason-required");
        Assert.Equal(HttpStatusCode.OK, quarantined.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "status-final");
        await server.WaitForEventAsync("device-quarantined", DeviceOf(patient));
        Assert.Contains(await server.App.Services.GetRequiredService<Record.Clinical.IClinicalStore>().AlertsAsync(PatientId.Parse(patient), cancellationToken: TestContext.Current.CancellationToken), a => a.Rule == Domain.Clinical.AlertRules.DataUntrusted);
    }

    [Fact]
    public async Task Admin_ManagesUsersButSeesNoPatientData()
    {
        await PatientWithReadingsAsync("acc-p-admin", "acc-ward-admin", 160);
        await server.StaffAsync("admin-1", StaffRole.Admin);
        await server.StaffAsync("analyst-3", StaffRole.Analyst);
        using var admin = await server.SignInAsync("admin-1");
        using var analyst = await server.SignInAsync("analyst-3");

        var created = await admin.PostAsJsonAsync("/api/v1/users", new { id = "dr-new", name = "Dr New", role = "Clinician", password = "a long enough password" }, Ct);
        var weak = await admin.PostAsJsonAsync("/api/v1/users", new { id = "dr-weak", name = "Dr Weak", role = "Clinician", password = "short" }, Ct);
        var byAnalyst = await analyst.PostAsJsonAsync("/api/v1/users", new { id = "dr-sneaky", name = "Sneaky", role = "Admin", password = "a long enough password" }, Ct);
        var patients = await admin.GetAsync("/api/v1/patients", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await AssertProblemAsync(weak, HttpStatusCode.BadRequest, "weak-password");
        await AssertProblemAsync(byAnalyst, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(patients, HttpStatusCode.Forbidden, "forbidden");
        Assert.Null(await server.Access.FindUserAsync("dr-sneaky", cancellationToken: TestContext.Current.CancellationToken));
        using var newcomer = await server.SignInAsync("dr-new", "a long enough password");
        Assert.Equal("Clinician", (await newcomer.GetFromJsonAsync<JsonElement>("/api/v1/session", Ct)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task BreakGlass_NeedsAReasonThenOpensThePatientAuditedAndFlaggedForReview()
    {
        var patient = await PatientWithReadingsAsync("acc-p-glass", "acc-ward-glass", 48);
        await server.StaffAsync("dr-night", StaffRole.Clinician, "acc-ward-night");
        await server.StaffAsync("analyst-4", StaffRole.Analyst);
        using var api = await server.SignInAsync("dr-night");

        var before = await api.GetAsync($"/api/v1/patients/{patient}/readings", Ct);
        var noReason = await api.PostAsJsonAsync($"/api/v1/patients/{patient}/break-glass", new { text = "need" }, Ct);
        var opened = await api.PostAsJsonAsync($"/api/v1/patients/{patient}/break-glass", new { text = "hypo alarm on the ward, day team unreachable" }, Ct);
        var after = await api.GetFromJsonAsync<JsonElement>($"/api/v1/patients/{patient}/readings", Ct);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/patients", Ct);

        await AssertProblemAsync(before, HttpStatusCode.Forbidden, "not-in-care");
        await AssertProblemAsync(noReason, HttpStatusCode.BadRequest, "reason-required");
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(48, after[0].GetProperty("values")[0].GetDouble());
        Assert.Equal("break-glass", list.EnumerateArray().Single(p => p.GetProperty("id").GetString() == patient).GetProperty("access").GetString());
        var accesses = await server.Access.AccessesAsync(new AccessQuery(PatientId: PatientId.Parse(patient), UserId: "dr-night"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(accesses, a => a.What == "break-glass.open" && a.Purpose == AccessPurposes.BreakGlass);
        Assert.Contains(accesses, a => a.What == "patient.readings" && a.Purpose == AccessPurposes.BreakGlass && a.BreakGlassId is not null);
        await server.WaitForEventAsync("break-glass");

        using var reviewer = await server.SignInAsync("analyst-4");
        var queue = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/break-glass", Ct);
        var grant = queue.EnumerateArray().Single(g => g.GetProperty("patientId").GetString() == patient).GetProperty("id").GetInt64();
        var reviewed = await reviewer.PostAsJsonAsync($"/api/v1/break-glass/{grant}/review", new { text = "justified: night cover" }, Ct);
        Assert.Equal("hypo alarm on the ward, day team unreachable", (await reviewed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Contains(await server.Access.AccessesAsync(new AccessQuery(PatientId: PatientId.Parse(patient), UserId: "analyst-4"), cancellationToken: TestContext.Current.CancellationToken), a => a.Purpose == AccessPurposes.Review);
        await AssertLedgerIntactAsync();
    }

    [Fact]
    public async Task SignIn_RepeatedFailuresLockTheAccountUntilUnlocked()
    {
        var user = await server.StaffAsync("dr-forgetful", StaffRole.Clinician);
        using var api = server.Api(null);

        var failures = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add(await api.PostAsJsonAsync("/api/v1/session", new { user, password = "wrong password " + i }, Ct));
        }

        var locked = await api.PostAsJsonAsync("/api/v1/session", new { user, password = ServerFixture.Password }, Ct);
        var unknown = await api.PostAsJsonAsync("/api/v1/session", new { user = "nobody-at-all", password = "whatever it is" }, Ct);

        Assert.All(failures, f => Assert.Equal(HttpStatusCode.Unauthorized, f.StatusCode));
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await AssertProblemAsync(locked, HttpStatusCode.Unauthorized, "sign-in-refused");
        await AssertProblemAsync(unknown, HttpStatusCode.Unauthorized, "sign-in-refused");
        await server.WaitForEventAsync("account-locked");
        Assert.NotNull((await server.Access.FindUserAsync(user, cancellationToken: TestContext.Current.CancellationToken))!.LockedUntil);

        using var admin = server.Api(server.Folder.EnsureOperatorToken());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{user}/unlock", null, Ct)).StatusCode);
        using var signedIn = await server.SignInAsync(user);
    }

    [Fact]
    public async Task Session_CookieIsHttpOnlySecureStrictAndBearerTokensEndWithSignOutOrDisable()
    {
        var user = await server.StaffAsync("dr-token", StaffRole.Clinician);
        using var plain = server.Api(null);
        var signIn = await plain.PostAsJsonAsync("/api/v1/session", new { user, password = ServerFixture.Password }, Ct);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vigil.session=", StringComparison.Ordinal));
        var token = await server.TokenAsync(user);
        using var bearer = server.Api(token);

        var before = await bearer.GetAsync("/api/v1/session", Ct);
        var signedOut = await bearer.DeleteAsync("/api/v1/session", Ct);
        var afterSignOut = await bearer.GetAsync("/api/v1/session", Ct);
        var second = await server.TokenAsync(user);
        await server.Access.SetDisabledAsync(user, true, cancellationToken: TestContext.Current.CancellationToken);
        using var disabled = server.Api(second);
        var afterDisable = await disabled.GetAsync("/api/v1/session", Ct);

        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        await AssertProblemAsync(afterSignOut, HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblemAsync(afterDisable, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Readings_SealedFieldEditedBehindVigilsBack_Are500RecordIntegrityAndAnEventNeverTheData()
    {
        var patient = await PatientWithReadingsAsync("acc-p-tamper", "acc-ward-tamper", 133);
        await server.StaffAsync("dr-tamper", StaffRole.Clinician, "acc-ward-tamper");
        using var api = await server.SignInAsync("dr-tamper");
        // Swapping two sealed fields is its own inverse: the test puts the record back, so the
        // other tests of this class, which audit the same record, never see this edit.
        const string swap = "UPDATE readings SET sealed_values = sealed_verdict, sealed_verdict = sealed_values WHERE patient_id = @p;";
        server.Database.Execute(swap, ("@p", patient));
        HttpResponseMessage response;
        string body;
        try
        {
            response = await api.GetAsync($"/api/v1/patients/{patient}/readings", Ct);
            body = await response.Content.ReadAsStringAsync(Ct);
        }
        finally
        {
            server.Database.Execute(swap, ("@p", patient));
        }

        await AssertProblemAsync(response, HttpStatusCode.InternalServerError, "record-integrity");
        Assert.DoesNotContain("133", body, StringComparison.Ordinal);
        await server.WaitForEventAsync("record-integrity");
    }

    private static string DeviceOf(string patient) => patient.Replace("acc-p-", "acc-cgm-", StringComparison.Ordinal);

    private async Task AssertLedgerIntactAsync()
    {
        var record = server.App.Services.GetRequiredService<RecordStore>();
        using var signing = server.App.Services.GetRequiredService<ServerIdentity>().SigningCertificate;
        using var key = signing.GetECDsaPublicKey()!;
        var report = await new LedgerAudit(record.Ledger, record.Audit).VerifyAsync(key, CheckpointSigner.OriginOf(signing), cancellationToken: Ct);
        Assert.True(report.Intact, string.Join("; ", report.Findings));
    }

    private async Task<string> PatientWithReadingsAsync(string patient, string team, double glucose)
    {
        var device = await server.DeviceAsync(DeviceOf(patient));
        await server.Registry.AddPatientAsync(PatientId.Parse(patient), $"Name of {patient}", DateTimeOffset.UtcNow);
        await server.Registry.BindDeviceToPatientAsync(device.Id, PatientId.Parse(patient));
        await server.Access.AddTeamAsync(team, team, DateTimeOffset.UtcNow);
        await server.Access.AssignPatientAsync(team, PatientId.Parse(patient));
        await server.RegistryChanged();
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        var delivery = await sender.SendAsync(device.Id, device.Seal(glucose).Envelope, Ct);
        Assert.True(delivery.Acknowledged, delivery.Code);
        return patient;
    }
}

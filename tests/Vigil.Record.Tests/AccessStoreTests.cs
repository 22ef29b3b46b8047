using System.Security.Cryptography;
using Vigil.Domain.Access;
using Vigil.Domain.Patients;
using Vigil.Record.Access;
using Vigil.Record.Ledger;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>Staff, care teams, tokens, break-glass and the ledgered access log, on each database.</summary>
public sealed class AccessStoreTests
{
    private static readonly DateTimeOffset Now = RecordFixture.Now;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Users_FailuresLockAndClear(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var access = fixture.Record.Access;

        Assert.True(await access.AddUserAsync(User("dr-ada", StaffRole.Clinician), cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await access.AddUserAsync(User("dr-ada", StaffRole.Admin), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(new[] { 1, 2 }, new[] { await access.FailSignInAsync("dr-ada", cancellationToken: TestContext.Current.CancellationToken), await access.FailSignInAsync("dr-ada", cancellationToken: TestContext.Current.CancellationToken) });
        await access.LockAsync("dr-ada", Now.AddMinutes(15), cancellationToken: TestContext.Current.CancellationToken);
        var locked = (await access.FindUserAsync("dr-ada", cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.True(await access.ClearSignInFailuresAsync("dr-ada", cancellationToken: TestContext.Current.CancellationToken));
        var cleared = (await access.FindUserAsync("dr-ada", cancellationToken: TestContext.Current.CancellationToken))!;

        Assert.Equal((StaffRole.Clinician, 2, Now.AddMinutes(15)), (locked.Role, locked.FailedSignIns, locked.LockedUntil!.Value));
        Assert.Equal((0, (DateTimeOffset?)null), (cleared.FailedSignIns, cleared.LockedUntil));
        Assert.True(await access.SetDisabledAsync("dr-ada", true, cancellationToken: TestContext.Current.CancellationToken));
        Assert.True((await access.FindUserAsync("dr-ada", cancellationToken: TestContext.Current.CancellationToken))!.Disabled);
        Assert.Equal(["dr-ada"], (await access.UsersAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(u => u.Id));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Teams_PatientsInCareOf_FollowMembershipAndAssignment(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var access = fixture.Record.Access;
        await access.AddUserAsync(User("dr-ada", StaffRole.Clinician), cancellationToken: TestContext.Current.CancellationToken);
        await access.AddUserAsync(User("dr-bob", StaffRole.Clinician), cancellationToken: TestContext.Current.CancellationToken);
        await fixture.Record.Registry.AddPatientAsync(PatientId.Parse("p-1"), "One", Now, cancellationToken: TestContext.Current.CancellationToken);
        await fixture.Record.Registry.AddPatientAsync(PatientId.Parse("p-2"), "Two", Now, cancellationToken: TestContext.Current.CancellationToken);
        await access.AddTeamAsync("ward-a", "Ward A", Now, cancellationToken: TestContext.Current.CancellationToken);
        await access.AddTeamAsync("ward-b", "Ward B", Now, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(await access.AddMemberAsync("ward-a", "dr-ada", cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await access.AssignPatientAsync("ward-a", PatientId.Parse("p-1"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await access.AddMemberAsync("ward-b", "dr-bob", cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await access.AssignPatientAsync("ward-b", PatientId.Parse("p-2"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await access.AddMemberAsync("ward-a", "nobody", cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await access.AssignPatientAsync("ward-a", PatientId.Parse("p-404"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal([PatientId.Parse("p-1")], await access.PatientsInCareOfAsync("dr-ada", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal([PatientId.Parse("p-2")], await access.PatientsInCareOfAsync("dr-bob", cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await access.RemoveMemberAsync("ward-a", "dr-ada", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await access.PatientsInCareOfAsync("dr-ada", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal([PatientId.Parse("p-2")], (await access.TeamsAsync(cancellationToken: TestContext.Current.CancellationToken)).Single(t => t.Id == "ward-b").Patients);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Tokens_ValidUntilExpiryOrRevocation(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var access = fixture.Record.Access;
        await access.AddUserAsync(User("dr-ada", StaffRole.Clinician), cancellationToken: TestContext.Current.CancellationToken);
        var token = SHA256.HashData("token"u8);

        await access.AddTokenAsync(token, "dr-ada", Now, Now.AddHours(1), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("dr-ada", await access.TokenUserAsync(token, Now.AddMinutes(59), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await access.TokenUserAsync(token, Now.AddHours(1), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await access.TokenUserAsync(SHA256.HashData("other"u8), Now, cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await access.RevokeTokenAsync(token, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await access.TokenUserAsync(token, Now, cancellationToken: TestContext.Current.CancellationToken));
        var expired = SHA256.HashData("expired"u8);
        await access.AddTokenAsync(expired, "dr-ada", Now, Now.AddHours(1), cancellationToken: TestContext.Current.CancellationToken);
        await access.AddTokenAsync(SHA256.HashData("later"u8), "dr-ada", Now.AddHours(2), Now.AddHours(3), cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(await access.RevokeTokenAsync(expired, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BreakGlass_ActiveUntilExpiryReasonSealedReviewedOnce(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var access = fixture.Record.Access;

        var id = await access.OpenBreakGlassAsync("dr-ada", PatientId.Parse("p-9"), "unconscious in ED, team unreachable", Now, Now.AddHours(1), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(id, (await access.ActiveBreakGlassAsync("dr-ada", PatientId.Parse("p-9"), Now.AddMinutes(30), cancellationToken: TestContext.Current.CancellationToken))!.Id);
        Assert.Null(await access.ActiveBreakGlassAsync("dr-ada", PatientId.Parse("p-9"), Now.AddHours(1), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await access.ActiveBreakGlassAsync("dr-bob", PatientId.Parse("p-9"), Now, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal([PatientId.Parse("p-9")], await access.BreakGlassPatientsAsync("dr-ada", Now, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("unconscious in ED, team unreachable", (await access.FindBreakGlassAsync(id, cancellationToken: TestContext.Current.CancellationToken))!.Reason);
        Assert.DoesNotContain("unconscious", fixture.Database.Dump(), StringComparison.Ordinal);
        Assert.Single(await access.BreakGlassAsync(unreviewedOnly: true, cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(await access.ReviewBreakGlassAsync(id, "privacy-officer", "justified", Now.AddDays(1), cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await access.ReviewBreakGlassAsync(id, "privacy-officer", "again", Now.AddDays(1), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await access.BreakGlassAsync(unreviewedOnly: true, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RecordAccess_IsInTheLedgerAndEveryEditIsFound(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        var access = lab.Record.Access;
        var grant = await access.OpenBreakGlassAsync("dr-bob", PatientId.Parse("p-1"), "covering for the night team", Now, Now.AddHours(1), cancellationToken: TestContext.Current.CancellationToken);
        var first = await access.RecordAccessAsync(new AccessEntry(0, Now, "dr-ada", "Clinician", PatientId.Parse("p-1"), "patient.readings", AccessPurposes.CareTeam), TestContext.Current.CancellationToken);
        var second = await access.RecordAccessAsync(new AccessEntry(0, Now, "dr-bob", "Clinician", PatientId.Parse("p-1"), "patient.readings", AccessPurposes.BreakGlass, grant), TestContext.Current.CancellationToken);
        lab.Checkpoint();

        var intact = await lab.AuditAsync();
        Assert.True(intact.Intact, string.Join("; ", intact.Findings));
        Assert.Equal(8, intact.Entries);
        Assert.NotNull(lab.Record.Ledger.Find(LedgerLeaf.AccessKind, LedgerLeaf.AccessSubject(second)));
        Assert.Equal(["dr-bob", "dr-ada"], (await access.AccessesAsync(new AccessQuery(PatientId: PatientId.Parse("p-1")), cancellationToken: TestContext.Current.CancellationToken)).Select(a => a.UserId));

        lab.Sql("UPDATE access_log SET user_id = 'someone-else' WHERE id = @id;", ("@id", first));
        lab.Sql("UPDATE break_glass SET sealed_reason = @r WHERE id = @id;", ("@id", grant), ("@r", new byte[] { 1, 2, 3 }));
        lab.Sql("INSERT INTO access_log (at, user_id, role, patient_id, what, purpose) VALUES (1, 'ghost', 'Clinician', 'p-1', 'patient.readings', 'care-team');");
        var findings = (await lab.AuditAsync()).Findings;

        Assert.Contains(findings, f => f.Subject == LedgerLeaf.AccessSubject(first) && f.What.Contains("the access record's user changed", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Subject == LedgerLeaf.AccessSubject(second));
        Assert.Contains(findings, f => f.What.Contains("inserted", StringComparison.Ordinal) && f.Subject.StartsWith("access#", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RecordAccess_Deleted_IsNamed(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        var id = await lab.Record.Access.RecordAccessAsync(new AccessEntry(0, Now, "dr-ada", "Clinician", PatientId.Parse("p-1"), "patient.summary", AccessPurposes.CareTeam), TestContext.Current.CancellationToken);

        lab.Sql("DELETE FROM access_log WHERE id = @id;", ("@id", id));

        var finding = Assert.Single((await lab.AuditAsync()).Findings);
        Assert.Equal((6L, LedgerLeaf.AccessSubject(id)), (finding.Index, finding.Subject));
        Assert.Contains("deleted", finding.What, StringComparison.Ordinal);
    }

    private static StaffUser User(string id, StaffRole role) => new(id, id, role, "hash", 0, null, false, Now);
}

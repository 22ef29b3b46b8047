using System.Security.Cryptography;
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

        Assert.True(access.AddUser(User("dr-ada", StaffRole.Clinician)));
        Assert.False(access.AddUser(User("dr-ada", StaffRole.Admin)));
        Assert.Equal([1, 2], new[] { access.FailSignIn("dr-ada"), access.FailSignIn("dr-ada") });
        access.Lock("dr-ada", Now.AddMinutes(15));
        var locked = access.FindUser("dr-ada")!;
        Assert.True(access.ClearSignInFailures("dr-ada"));
        var cleared = access.FindUser("dr-ada")!;

        Assert.Equal((StaffRole.Clinician, 2, Now.AddMinutes(15)), (locked.Role, locked.FailedSignIns, locked.LockedUntil!.Value));
        Assert.Equal((0, (DateTimeOffset?)null), (cleared.FailedSignIns, cleared.LockedUntil));
        Assert.True(access.SetDisabled("dr-ada", true));
        Assert.True(access.FindUser("dr-ada")!.Disabled);
        Assert.Equal(["dr-ada"], access.Users().Select(u => u.Id));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Teams_PatientsInCareOf_FollowMembershipAndAssignment(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var access = fixture.Record.Access;
        access.AddUser(User("dr-ada", StaffRole.Clinician));
        access.AddUser(User("dr-bob", StaffRole.Clinician));
        fixture.Record.Registry.AddPatient("p-1", "One", Now);
        fixture.Record.Registry.AddPatient("p-2", "Two", Now);
        access.AddTeam("ward-a", "Ward A", Now);
        access.AddTeam("ward-b", "Ward B", Now);

        Assert.True(access.AddMember("ward-a", "dr-ada"));
        Assert.True(access.AssignPatient("ward-a", "p-1"));
        Assert.True(access.AddMember("ward-b", "dr-bob"));
        Assert.True(access.AssignPatient("ward-b", "p-2"));
        Assert.False(access.AddMember("ward-a", "nobody"));
        Assert.False(access.AssignPatient("ward-a", "p-404"));

        Assert.Equal(["p-1"], access.PatientsInCareOf("dr-ada"));
        Assert.Equal(["p-2"], access.PatientsInCareOf("dr-bob"));
        Assert.True(access.RemoveMember("ward-a", "dr-ada"));
        Assert.Empty(access.PatientsInCareOf("dr-ada"));
        Assert.Equal(["p-2"], access.Teams().Single(t => t.Id == "ward-b").Patients);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Tokens_ValidUntilExpiryOrRevocation(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var access = fixture.Record.Access;
        access.AddUser(User("dr-ada", StaffRole.Clinician));
        var token = SHA256.HashData("token"u8);

        access.AddToken(token, "dr-ada", Now, Now.AddHours(1));

        Assert.Equal("dr-ada", access.TokenUser(token, Now.AddMinutes(59)));
        Assert.Null(access.TokenUser(token, Now.AddHours(1)));
        Assert.Null(access.TokenUser(SHA256.HashData("other"u8), Now));
        Assert.True(access.RevokeToken(token));
        Assert.Null(access.TokenUser(token, Now));
        var expired = SHA256.HashData("expired"u8);
        access.AddToken(expired, "dr-ada", Now, Now.AddHours(1));
        access.AddToken(SHA256.HashData("later"u8), "dr-ada", Now.AddHours(2), Now.AddHours(3));
        Assert.False(access.RevokeToken(expired));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task BreakGlass_ActiveUntilExpiryReasonSealedReviewedOnce(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var access = fixture.Record.Access;

        var id = access.OpenBreakGlass("dr-ada", "p-9", "unconscious in ED, team unreachable", Now, Now.AddHours(1));

        Assert.Equal(id, access.ActiveBreakGlass("dr-ada", "p-9", Now.AddMinutes(30))!.Id);
        Assert.Null(access.ActiveBreakGlass("dr-ada", "p-9", Now.AddHours(1)));
        Assert.Null(access.ActiveBreakGlass("dr-bob", "p-9", Now));
        Assert.Equal(["p-9"], access.BreakGlassPatients("dr-ada", Now));
        Assert.Equal("unconscious in ED, team unreachable", access.FindBreakGlass(id)!.Reason);
        Assert.DoesNotContain("unconscious", fixture.Database.Dump(), StringComparison.Ordinal);
        Assert.Single(access.BreakGlass(unreviewedOnly: true));
        Assert.True(access.ReviewBreakGlass(id, "privacy-officer", "justified", Now.AddDays(1)));
        Assert.False(access.ReviewBreakGlass(id, "privacy-officer", "again", Now.AddDays(1)));
        Assert.Empty(access.BreakGlass(unreviewedOnly: true));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RecordAccess_IsInTheLedgerAndEveryEditIsFound(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        var access = lab.Record.Access;
        var grant = access.OpenBreakGlass("dr-bob", "p-1", "covering for the night team", Now, Now.AddHours(1));
        var first = await access.RecordAccessAsync(new AccessEntry(0, Now, "dr-ada", "Clinician", "p-1", "patient.readings", AccessPurposes.CareTeam), TestContext.Current.CancellationToken);
        var second = await access.RecordAccessAsync(new AccessEntry(0, Now, "dr-bob", "Clinician", "p-1", "patient.readings", AccessPurposes.BreakGlass, grant), TestContext.Current.CancellationToken);
        lab.Checkpoint();

        var intact = await lab.AuditAsync();
        Assert.True(intact.Intact, string.Join("; ", intact.Findings));
        Assert.Equal(8, intact.Entries);
        Assert.NotNull(lab.Record.Ledger.Find(LedgerLeaf.AccessKind, LedgerLeaf.AccessSubject(second)));
        Assert.Equal(["dr-bob", "dr-ada"], access.Accesses(new AccessQuery(PatientId: "p-1")).Select(a => a.UserId));

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
        var id = await lab.Record.Access.RecordAccessAsync(new AccessEntry(0, Now, "dr-ada", "Clinician", "p-1", "patient.summary", AccessPurposes.CareTeam), TestContext.Current.CancellationToken);

        lab.Sql("DELETE FROM access_log WHERE id = @id;", ("@id", id));

        var finding = Assert.Single((await lab.AuditAsync()).Findings);
        Assert.Equal((6L, LedgerLeaf.AccessSubject(id)), (finding.Index, finding.Subject));
        Assert.Contains("deleted", finding.What, StringComparison.Ordinal);
    }

    private static StaffUser User(string id, StaffRole role) => new(id, id, role, "hash", 0, null, false, Now);
}

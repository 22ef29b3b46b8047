using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;
using Vigil.Record.Access;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>
/// A whole audit gives the same report on the record's fast paths (OpenSSL's SHA-256, SQLite's
/// statement read directly on a connection without its mutex) as on the plain .NET paths, over a
/// record with every kind of entry and every kind of finding.
/// </summary>
[Collection(nameof(FastPathSwitch))]
public sealed class FastPathAuditTests
{
    private static readonly DateTimeOffset Now = RecordFixture.Now;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_FastAndPlainPaths_GiveTheSameReport(StoreKind kind)
    {
        await using var lab = await TamperedLabAsync(kind);

        var fast = await lab.AuditAsync();
        AuditReport plain;
        FastPaths.Enabled = false;
        try
        {
            Assert.False(Sha256.IsDirect);
            plain = await lab.AuditAsync();
        }
        finally
        {
            FastPaths.Enabled = true;
        }

        Assert.True(fast.Findings.Count >= 6, string.Join("; ", fast.Findings));
        Assert.Equal((fast.Entries, fast.Checkpoints), (plain.Entries, plain.Checkpoints));
        Assert.Equal(fast.Root, plain.Root);
        Assert.Equal(fast.Findings, plain.Findings);
    }

    // Batches, a revised verdict, accesses with a break-glass grant and facts, checkpointed; then
    // edits, deletions, insertions and a false claim behind Vigil's back.
    private static async Task<AuditLab> TamperedLabAsync(StoreKind kind)
    {
        var lab = await AuditLab.CreateAsync(kind);
        var record = lab.Record;
        var cgm = DeviceId.Parse("cgm-1");
        Assert.True(await record.Registry.AddPatientAsync(PatientId.Parse("p-1"), "Ada Patient", Now, "MRN-1"));
        await record.Trust.SetFlagAsync(new DeviceFlag(cgm, DeviceFlagKind.LotDrift, Now.AddHours(-2), "lot L1", Now));
        await record.Readings.ReviseAsync([(new ReadingKey(cgm, 3, 0), Verdict.Of([ReasonCodes.Recall]))], "recall 1", Now);
        var grant = await record.Access.OpenBreakGlassAsync("dr-bob", PatientId.Parse("p-1"), "covering for the night team", Now, Now.AddHours(1));
        var ct = TestContext.Current.CancellationToken;
        var access = await record.Access.RecordAccessAsync(new AccessEntry(0, Now, "dr-ada", "Clinician", PatientId.Parse("p-1"), "patient.readings", AccessPurposes.CareTeam), ct);
        await record.Access.RecordAccessAsync(new AccessEntry(0, Now, "dr-bob", "Clinician", PatientId.Parse("p-1"), "patient.readings", AccessPurposes.BreakGlass, grant), ct);
        lab.Checkpoint();
        lab.Sql("UPDATE readings SET status = 0 WHERE device_id = 'cgm-1' AND sequence = 4 AND idx = 1;");
        lab.Sql("DELETE FROM readings WHERE device_id = 'cgm-1' AND sequence = 5; DELETE FROM batches WHERE device_id = 'cgm-1' AND sequence = 5;");
        lab.Sql("UPDATE batches SET ledger_idx = 0 WHERE device_id = 'cgm-1' AND sequence = 2;");
        lab.Sql("""
            INSERT INTO batches (device_id, sequence, created_at, received_at, source, session_id, firmware_digest, envelope_sha256, patient_id, sealed_batch, reading_count, quarantined)
            SELECT device_id, 99, created_at, received_at, source, session_id, firmware_digest, envelope_sha256, patient_id, sealed_batch, reading_count, quarantined
            FROM batches WHERE device_id = 'cgm-1' AND sequence = 1;
            """);
        lab.Sql("UPDATE access_log SET user_id = 'someone-else' WHERE id = @id;", ("@id", access));
        lab.Sql("UPDATE device_flags SET reference = 'lot L2';");
        return lab;
    }
}

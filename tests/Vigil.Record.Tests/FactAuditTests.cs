using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Record.Clinical;
using Vigil.Record.Ledger;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>
/// What decides what a clinician or an investigator sees is in the ledger: the patient and times
/// of readings, alerts and their actions, reference values, device status and flags, incidents and
/// security events. Each edit made behind Vigil's back is named by the audit.
/// </summary>
public sealed class FactAuditTests
{
    private static readonly DeviceId Cgm = DeviceId.Parse("cgm-1");

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_RecordWithEveryKindOfFact_IsIntact(StoreKind kind)
    {
        await using var lab = await FactLabAsync(kind);

        var report = await lab.AuditAsync();

        Assert.Empty(report.Findings);
        Assert.True(report.Entries > 6 + 10, $"{report.Entries} entries");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_ReadingsMovedToAnotherPatient_NamesTheirBatch(StoreKind kind)
    {
        await using var lab = await FactLabAsync(kind);
        lab.Sql("UPDATE readings SET patient_id = 'p-hidden' WHERE device_id = 'cgm-1';");

        var findings = (await lab.AuditAsync()).Findings;

        Assert.Equal(6, findings.Count);
        Assert.All(findings, f => Assert.Contains("the patient it or its readings are filed under was changed", f.What, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Subject == "cgm-1#3");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_ReadingsPointedAtAnotherRealPatient_NamesTheirBatch(StoreKind kind)
    {
        await using var lab = await FactLabAsync(kind);
        lab.Sql("UPDATE readings SET patient_id = 'p-2' WHERE device_id = 'cgm-1' AND sequence = 4;");

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal("cgm-1#4", finding.Subject);
    }

    [Theory]
    [InlineData("UPDATE readings SET received_at = received_at + 60000 WHERE device_id = 'cgm-1' AND sequence = 2;", "received time")]
    [InlineData("UPDATE batches SET received_at = received_at + 60000 WHERE device_id = 'cgm-1' AND sequence = 2;", "received time")]
    [InlineData("UPDATE batches SET created_at = created_at - 3600000 WHERE device_id = 'cgm-1' AND sequence = 2;", "created changed")]
    [InlineData("UPDATE batches SET session_start = 1 WHERE device_id = 'cgm-1' AND sequence = 2;", "session-start changed")]
    [InlineData("UPDATE batches SET quarantined = 1 WHERE device_id = 'cgm-1' AND sequence = 2;", "quarantined changed")]
    [InlineData("UPDATE readings SET verdict_cause = 'recall 9' WHERE device_id = 'cgm-1' AND sequence = 2 AND idx = 0;", "verdicts of its readings at ingest")]
    [InlineData("UPDATE batches SET leaf_version = NULL WHERE device_id = 'cgm-1' AND sequence = 2;", "changed")]
    public async Task Verify_BatchOrReadingColumnEdited_NamesTheBatch(string edit, string named)
    {
        await using var lab = await FactLabAsync(StoreKind.Sqlite);
        lab.Sql(edit);

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal("cgm-1#2", finding.Subject);
        Assert.Contains(named, finding.What, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Deletions))]
    public async Task Verify_FactDeletedBehindVigilsBack_NamesItsEntry(StoreKind kind, string delete, string subject)
    {
        await using var lab = await FactLabAsync(kind);
        lab.Sql(delete);

        var findings = (await lab.AuditAsync()).Findings;

        Assert.Contains(findings, f => f.Subject == subject && f.What.Contains("deleted", StringComparison.Ordinal));
    }

    public static TheoryData<StoreKind, string, string> Deletions()
    {
        var data = new TheoryData<StoreKind, string, string>();
        foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
        {
            data.Add(kind, "DELETE FROM alert_actions; DELETE FROM alerts;", "alert#1");
            data.Add(kind, "DELETE FROM alert_actions;", "alert-action#1");
            data.Add(kind, "DELETE FROM calibrations;", "calibration#1");
            data.Add(kind, "DELETE FROM device_flags;", "device-flag#cgm-1#lot-drift");
            data.Add(kind, "DELETE FROM incidents;", "incident#1");
            data.Add(kind, "DELETE FROM security_events WHERE code = 'break-glass';", "security-event#2");
            data.Add(kind, "DELETE FROM security_events WHERE code = 'access-denied';", "security-event#1");
            data.Add(kind, "DELETE FROM patient_thresholds;", "thresholds#p-1");
        }

        return data;
    }

    [Theory]
    [InlineData("UPDATE alerts SET status = 4;", "alert#1", "status")]
    [InlineData("UPDATE alerts SET integrity = 2;", "alert#1", "integrity")]
    [InlineData("UPDATE alert_actions SET actor = 'dr-nobody';", "alert-action#1", "actor")]
    [InlineData("UPDATE calibrations SET at = at + 1;", "calibration#1", "at")]
    [InlineData("UPDATE devices SET status = 0;", "device#cgm-1", "status")]
    [InlineData("UPDATE devices SET patient_id = 'p-2';", "device#cgm-1", "patient")]
    [InlineData("UPDATE device_flags SET since = since + 86400000;", "device-flag#cgm-1#lot-drift", "since")]
    [InlineData("UPDATE incidents SET status = 'closed';", "incident#1", "status")]
    [InlineData("UPDATE security_events SET count = 1 WHERE code = 'access-denied';", "security-event#1", "count")]
    public async Task Verify_FactEditedBehindVigilsBack_NamesItsEntryAndField(string edit, string subject, string field)
    {
        await using var lab = await FactLabAsync(StoreKind.Sqlite);
        lab.Sql(edit);

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal(subject, finding.Subject.Split('@')[0]);
        Assert.Equal($"the record no longer matches the ledger: its {field} changed", finding.What);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_AlertChangeUndoneWithItsOlderEntry_NamesTheLaterChange(StoreKind kind)
    {
        await using var lab = await FactLabAsync(kind);
        var entries = lab.Record.Ledger.Entries(0, 1000).Where(e => e.Subject == "alert#1").ToList();
        Assert.True(entries.Count >= 3, $"{entries.Count} entries of the alert");

        // The insider puts the alert back as it was before it was acknowledged, with that entry's number.
        lab.Sql(
            "UPDATE alerts SET status = @s, updated_at = @u, ledger_idx = @i;",
            ("@s", (int)AlertStatus.Open), ("@u", RecordFixture.Now.AddMinutes(5).ToUnixTimeMilliseconds()), ("@i", entries[^2].Index));

        var findings = (await lab.AuditAsync()).Findings;

        Assert.Contains(findings, f => f.Index == entries[^1].Index && f.What.Contains("undone", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_FlagClearedByVigil_IsIntactAndPutBackIsNamed(StoreKind kind)
    {
        await using var lab = await FactLabAsync(kind);
        Assert.True(await lab.Record.Trust.ClearFlagAsync(Cgm, DeviceFlagKind.LotDrift, RecordFixture.Now.AddHours(3), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty((await lab.AuditAsync()).Findings);

        var entry = lab.Record.Ledger.Entries(0, 1000).First(e => e.Subject == "device-flag#cgm-1#lot-drift");
        lab.Sql(
            "INSERT INTO device_flags (device_id, flag, since, reference, set_at, ledger_idx) VALUES ('cgm-1', 'lot-drift', @since, 'lot L1', @set, @i);",
            ("@since", RecordFixture.Now.AddHours(-2).ToUnixTimeMilliseconds()), ("@set", RecordFixture.Now.ToUnixTimeMilliseconds()), ("@i", entry.Index));

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal("device-flag#cgm-1#lot-drift", finding.Subject);
        Assert.Contains("in the record again", finding.What, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_FactInsertedBehindVigilsBack_IsNamed(StoreKind kind)
    {
        await using var lab = await FactLabAsync(kind);
        lab.Sql(
            "INSERT INTO incidents (kind, device_id, opened_at, since, detail, status) VALUES ('clone', 'cgm-1', 1, 1, 'forged', 'open');");

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal("incident#2", finding.Subject);
        Assert.Contains("inserted behind Vigil's back", finding.What, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Open_RecordWithFactsFromBeforeTheirCoverage_GivesEachItsFirstEntryOnce(StoreKind kind)
    {
        await using var lab = await FactLabAsync(kind);

        // As a record migrated from before: rows without entries, and the migration's mark.
        foreach (var fact in FactKinds.All)
        {
            lab.Sql($"UPDATE {fact.Table} SET ledger_idx = NULL;");
        }

        lab.Sql("INSERT INTO ledger_adoption VALUES (1);");
        Assert.NotEmpty((await lab.AuditAsync()).Findings);

        await lab.Fixture.ReopenAsync();

        Assert.Empty((await lab.AuditAsync()).Findings);
        Assert.Equal(0L, Convert.ToInt64(lab.Fixture.Database.Scalar("SELECT count(*) FROM ledger_adoption;"), System.Globalization.CultureInfo.InvariantCulture));

        // Once only: a row added behind Vigil's back later is not adopted.
        lab.Sql("INSERT INTO incidents (kind, device_id, opened_at, since, detail, status) VALUES ('clone', 'cgm-1', 1, 1, 'forged', 'open');");
        await lab.Fixture.ReopenAsync();
        Assert.Contains((await lab.AuditAsync()).Findings, f => f.Subject == "incident#2");
    }

    // The six batches of the audit lab, with a patient and device registered, an alert raised,
    // repeated and acknowledged, a reference value, thresholds, a flag, an incident, a quarantine
    // and security events (access-denied in a window of 25, then break-glass).
    private static async Task<AuditLab> FactLabAsync(StoreKind kind)
    {
        var lab = await AuditLab.CreateAsync(kind);
        var record = lab.Record;
        var now = RecordFixture.Now;
        Assert.True(await record.Registry.AddPatientAsync(PatientId.Parse("p-1"), "Ada Patient", now, "MRN-1"));
        Assert.True(await record.Registry.AddPatientAsync(PatientId.Parse("p-2"), "Bo Patient", now, "MRN-2"));
        Assert.True(await record.Registry.EnrollDeviceAsync(RecordFixture.Device("cgm-1")));
        Assert.True(await record.Registry.BindDeviceToPatientAsync(Cgm, PatientId.Parse("p-1")));
        var alert = await record.Clinical.RaiseAlertAsync(new Alert(
            0, PatientId.Parse("p-1"), "glucose-low", Cgm, now, now, 61, "61 mg/dL", VerdictStatus.Verified, [], AlertStatus.Open, now, 1, now));
        await record.Clinical.AddOccurrenceAsync(alert, now.AddMinutes(5), 58, VerdictStatus.Verified, [], now.AddMinutes(5));
        Assert.True(await record.Clinical.ActAsync(alert, AlertStatus.Open, AlertStatus.Acknowledged, new AlertActionRecord(alert, now.AddMinutes(6), "acknowledge", "dr-ada", "seen")));
        await record.Clinical.AddCalibrationAsync(new Calibration(0, PatientId.Parse("p-1"), now, 98, "fingerstick", now.AddMinutes(1), Cgm, 92));
        await record.Clinical.SetThresholdsAsync(PatientId.Parse("p-1"), ClinicalThresholds.Default);
        await record.Trust.SetFlagAsync(new DeviceFlag(Cgm, DeviceFlagKind.LotDrift, now.AddHours(-2), "lot L1", now));
        await record.Trust.OpenIncidentAsync(new Incident(0, IncidentKind.LotDrift, Cgm, now, now.AddHours(-2), "lot L1 reads 30 % low"));
        Assert.True(await record.Registry.SetDeviceStatusAsync(Cgm, DeviceStatus.Quarantined, "lot drift", now));
        await record.Events.AppendAsync(new SecurityEvent(now, "access-denied", "user:dr-bo", "https 127.0.0.1", null, "not in the care team") { Count = 25 }, TestContext.Current.CancellationToken);
        await record.Events.AppendAsync(new SecurityEvent(now, "break-glass", "user:dr-bo", "https 127.0.0.1", null, "emergency access to p-1"), TestContext.Current.CancellationToken);
        return lab;
    }
}

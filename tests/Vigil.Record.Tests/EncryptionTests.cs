using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;
using Vigil.Identity.Keys;
using Vigil.Record.Encryption;
using Vigil.Record.Readings;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>Per-patient data keys, their wrapping key and its rotation, on each database.</summary>
public sealed class EncryptionTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DataKeys_OnePerPatientAndOneForUnassignedData_AreStoredOnlyWrapped(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        await lab.Record.Batches.CommitAsync(AuditLab.Batch("cgm-2", 1, 90, "p-2"), TestContext.Current.CancellationToken);
        await lab.Record.Registry.AddPatientAsync(PatientId.Parse("p-3"), "Grace", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, lab.Record.Cipher.Keys.Count());
        Assert.Equal("kek-1", lab.Record.Cipher.Keys.ActiveKek());
        var wrapped = (byte[])lab.Fixture.Database.Scalar("SELECT wrapped FROM data_keys WHERE scope = 'patient:p-1';")!;
        Assert.NotEqual(lab.Record.Cipher.Keys.KeyFor("patient:p-1"), wrapped[KeyWrapFormat.NonceBytes..^KeyWrapFormat.TagBytes]);
        Assert.Equal(lab.Record.Cipher.Keys.KeyFor("patient:p-1"), lab.Fixture.Keys.UnwrapKey("kek-1", wrapped));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Rotate_RewrapsEveryDataKeyLeavesTheDataAsItWasAndRetiresTheOldKey(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();
        var sealedBefore = (byte[])lab.Fixture.Database.Scalar("SELECT sealed_values FROM readings WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0;")!;

        var rotation = lab.Record.Cipher.Keys.Rotate();
        await lab.Fixture.ReopenAsync();

        Assert.Equal(("kek-1", "kek-2", 1), (rotation.From, rotation.To, rotation.DataKeys));
        Assert.Equal(["kek-1"], rotation.Retired);
        Assert.False(lab.Fixture.Keys.Contains("kek-1"));
        Assert.Equal("kek-2", lab.Record.Cipher.Keys.ActiveKek());
        Assert.Equal(sealedBefore, (byte[])lab.Fixture.Database.Scalar("SELECT sealed_values FROM readings WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0;")!);
        var reading = (await lab.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = DeviceId.Parse("cgm-1") }, cancellationToken: TestContext.Current.CancellationToken)).Single(r => r.Sequence == 3 && r.Index == 0);
        Assert.Equal(103, reading.Values[0]);
        Assert.True((await lab.AuditAsync()).Intact);
        await lab.Record.Batches.CommitAsync(AuditLab.Batch("cgm-3", 1, 95, "p-new"), TestContext.Current.CancellationToken);
        Assert.Equal("kek-2", (string)lab.Fixture.Database.Scalar("SELECT kek FROM data_keys WHERE scope = 'patient:p-new';")!);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Open_KeyStoreWithoutTheRecordsKey_IsRefusedWithItsName(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var elsewhere = new FileKeyStore(Path.Combine(fixture.Folder, "other-keys"));

        var refused = Assert.Throws<InvalidOperationException>(() => RecordStore.Open(fixture.Database.Connect(), elsewhere, TimeProvider.System));

        Assert.Contains("kek-1", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SealedField_OfAnotherPatient_DoesNotOpen(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var cipher = fixture.Record.Cipher;
        var context = SealedFields.PatientIdentity("p-1");

        var sealedField = cipher.Seal("p-1", context, "Ada");

        Assert.Equal("Ada", cipher.OpenText("p-1", context, sealedField));
        Assert.Throws<RecordIntegrityException>(() => cipher.OpenText("p-2", context, sealedField));
        Assert.Throws<RecordIntegrityException>(() => cipher.OpenText("p-1", SealedFields.PatientIdentity("p-2"), sealedField));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Revise_KeepsEveryVerdictSealedAndReadable(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        var key = new ReadingKey(DeviceId.Parse("cgm-1"), 2, 0);

        await lab.Record.Readings.ReviseAsync([(key, Verdict.Of([ReasonCodes.Recall]))], "recall 1", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);
        await lab.Record.Readings.AddReasonAsync(key.DeviceId, RecordFixture.Now, ReasonCodes.Clone, "clone", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);

        var history = await lab.Record.Readings.HistoryAsync(key, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([1, 2, 3], history.Select(h => h.Version));
        Assert.Equal(VerdictStatus.Verified, history[0].Verdict.Status);
        Assert.Contains(ReasonCodes.Recall, history[2].Verdict.Reasons);
        Assert.Contains(ReasonCodes.Clone, history[2].Verdict.Reasons);
        Assert.True((await lab.AuditAsync()).Intact);
    }
}

using Vigil.Record.Ledger;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>
/// The audit's two reads run side by side, so a claim is held against its entry either at once
/// (the tree has reached it) or after the tree is done. Both must name the same findings: each
/// test forces one order, and compares with the audit as it runs.
/// </summary>
public sealed class LedgerAuditOrderTests
{
    public enum PassOrder
    {
        /// <summary>The record is read to its end before the tree starts: every claim waits.</summary>
        RecordFirst,

        /// <summary>The tree is done before the record is read: every claim is held at once.</summary>
        LedgerFirst,
    }

    public static TheoryData<StoreKind, PassOrder> Cases => new()
    {
        { StoreKind.Sqlite, PassOrder.RecordFirst },
        { StoreKind.Sqlite, PassOrder.LedgerFirst },
        { StoreKind.Postgres, PassOrder.RecordFirst },
        { StoreKind.Postgres, PassOrder.LedgerFirst },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verify_EditsDeletionsAndFalseClaims_AreNamedTheSameInEitherOrder(StoreKind kind, PassOrder order)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();
        lab.Sql("UPDATE readings SET status = 0 WHERE device_id = 'cgm-1' AND sequence = 4 AND idx = 1;");
        lab.Sql("DELETE FROM readings WHERE device_id = 'cgm-1' AND sequence = 5; DELETE FROM batches WHERE device_id = 'cgm-1' AND sequence = 5;");
        lab.Sql("UPDATE batches SET ledger_idx = 0 WHERE device_id = 'cgm-1' AND sequence = 2;");
        lab.Sql("""
            INSERT INTO batches (device_id, sequence, created_at, received_at, source, session_id, firmware_digest, envelope_sha256, patient_id, sealed_batch, reading_count, quarantined)
            SELECT device_id, 99, created_at, received_at, source, session_id, firmware_digest, envelope_sha256, patient_id, sealed_batch, reading_count, quarantined
            FROM batches WHERE device_id = 'cgm-1' AND sequence = 1;
            """);

        var forced = Findings(await AuditAsync(lab, order));
        var asItRuns = Findings(await lab.AuditAsync());

        string[] expected =
        [
            "- cgm-1#2: this is in the record but not in the ledger: it was inserted behind Vigil's back",
            "- cgm-1#99: this is in the record but not in the ledger: it was inserted behind Vigil's back",
            "1 cgm-1#2: what it records was deleted from the record",
            "3 cgm-1#4: the record no longer matches the ledger: its readings (values, times or verdicts) were changed",
            "4 cgm-1#5: what it records was deleted from the record",
        ];
        Assert.Equal(expected, forced);
        Assert.Equal(expected, asItRuns);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verify_ClaimsPastTheLedgersEnd_AreInsertedInEitherOrder(StoreKind kind, PassOrder order)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();
        lab.Sql("DELETE FROM ledger WHERE idx >= 4;");

        var findings = Findings(await AuditAsync(lab, order));

        Assert.Contains("- checkpoint 6: a checkpoint was signed at size 6 but the ledger holds only 4 entries: entries were deleted", findings);
        Assert.Contains("- cgm-1#5: this is in the record but not in the ledger: it was inserted behind Vigil's back", findings);
        Assert.Contains("- cgm-1#6: this is in the record but not in the ledger: it was inserted behind Vigil's back", findings);
        Assert.Equal(Findings(await lab.AuditAsync()), findings);
    }

    private static async Task<AuditReport> AuditAsync(AuditLab lab, PassOrder order)
    {
        using var certificate = lab.Folder.SigningCertificate;
        using var key = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPublicKey(certificate)!;
        var source = new OrderedSource(lab.Record.Audit, order);
        return await new LedgerAudit(lab.Record.Ledger, source).VerifyAsync(key, lab.Origin(), cancellationToken: TestContext.Current.CancellationToken);
    }

    private static List<string> Findings(AuditReport report) =>
        [.. report.Findings.Select(f => $"{f.Index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {f.Subject}: {f.What}").Order(StringComparer.Ordinal)];

    // Holds one read back until the other has gone to its end (the first time: the audit reads
    // the record again to name what it found).
    private sealed class OrderedSource(IAuditSource inner, PassOrder order) : IAuditSource
    {
        private readonly TaskCompletionSource _firstDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IAsyncEnumerable<(long Index, byte[] LeafHash, string? FactSubject, bool Removed)> LeafHashesAsync(CancellationToken cancellationToken = default) =>
            order == PassOrder.RecordFirst ? After(inner.LeafHashesAsync(cancellationToken), cancellationToken) : Then(inner.LeafHashesAsync(cancellationToken));

        public IAsyncEnumerable<RecordedSubject> RecordedAsync(CancellationToken cancellationToken = default) =>
            order == PassOrder.LedgerFirst ? After(inner.RecordedAsync(cancellationToken), cancellationToken) : Then(inner.RecordedAsync(cancellationToken));

        public Task<LedgerEntry?> EntryAsync(long index, CancellationToken cancellationToken = default) => inner.EntryAsync(index, cancellationToken);

        public IReadOnlyList<StoredReadingBytes> ReadingsOf(string deviceId, ulong sequence) => inner.ReadingsOf(deviceId, sequence);

        public IReadOnlyList<int> RevisionsOf(string deviceId, ulong sequence, int index) => inner.RevisionsOf(deviceId, sequence, index);

        private async IAsyncEnumerable<T> After<T>(IAsyncEnumerable<T> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await _firstDone.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await foreach (var item in items)
            {
                yield return item;
            }
        }

        private async IAsyncEnumerable<T> Then<T>(IAsyncEnumerable<T> items)
        {
            try
            {
                await foreach (var item in items)
                {
                    yield return item;
                }
            }
            finally
            {
                _firstDone.TrySetResult();
            }
        }
    }
}

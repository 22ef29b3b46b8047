using static Vigil.Record.Schema.Changes;
using static Vigil.Record.Schema.Column;

namespace Vigil.Record.Schema.Layouts;

/// <summary>Layouts 5 onwards: PostgreSQL's migrations 2 onwards.</summary>
internal static class AfterEncryption
{
    /// <summary>Migrations 5 onwards.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        // Each verdict revision is a ledger entry; the row holding a version names its entry.
        // Revised readings are few, and found by a partial index without scanning every reading.
        new(5,
        [
            Add("readings", Long("verdict_ledger_idx").Nullable()),
            Add("verdict_history", Long("ledger_idx").Nullable()),
            PartialIndexOn("readings", "readings_revised", "verdict_version > 1", "device_id", "sequence", "idx"),
        ]),

        // The hash of each complete block of 256 ledger entries, so that a proof reads one row
        // per block instead of every entry.
        new(6, [Create("ledger_blocks", Long("idx").Key(), Bytes("hash"))]),

        // The session start each batch's device signed (protocol version 2), for the clone rules
        // over sessions (docs/verification.md); earlier batches have none.
        new(7, [Add("batches", Long("session_start").Nullable())]),

        // What the record was made for, fixed at creation (RecordProfile): every record made
        // before is a clinical, protected one.
        new(8,
        [
            Create("record_profile", SingleRowKey(), Text("purpose"), Text("protection")),
            Insert("record_profile", "1, 'clinical', 'protected'"),
        ]),

        // How many refusals an event stands for: identical events from one principal are folded
        // into one window, whose summary event carries the count (SecurityEventSink).
        new(9, [Add("security_events", Int("count").DefaultsTo("1"))]),

        // The ledger covers every column of a batch (leaf version 3; earlier batches keep version
        // 2, NULL here) and the record's other facts (FactKinds): each row names its newest entry.
        // Rows already stored get their first entry once, when the record is next opened
        // (FactAdoption), which clears ledger_adoption.
        new(10,
        [
            Add("batches", Int("leaf_version").Nullable()),
            Add("alerts", Long("ledger_idx").Nullable()),
            Add("alert_actions", Long("ledger_idx").Nullable()),
            Add("calibrations", Long("ledger_idx").Nullable()),
            Add("patients", Long("ledger_idx").Nullable()),
            Add("patient_thresholds", Long("ledger_idx").Nullable()),
            Add("devices", Long("ledger_idx").Nullable()),
            Add("device_flags", Long("ledger_idx").Nullable()),
            Add("firmware_allowlist", Long("ledger_idx").Nullable()),
            Add("recalls", Long("ledger_idx").Nullable()),
            Add("incidents", Long("ledger_idx").Nullable()),
            Add("security_events", Long("ledger_idx").Nullable()),
            Create("ledger_adoption", SingleRowKey()),
            Insert("ledger_adoption", "1"),
        ]),

        // Each account's session stamp (a new password, disabling or enabling it ends its
        // sessions), and break-glass review notes sealed like the reasons.
        new(11,
        [
            Add("users", Long("stamp").DefaultsTo("0")),
            Add("break_glass", Bytes("sealed_review_note").Nullable()),
        ]),
    ];
}

using static Vigil.Record.Schema.Changes;
using static Vigil.Record.Schema.Column;

namespace Vigil.Record.Schema.Layouts;

/// <summary>
/// Layouts 1 to 3, which held patient data in clear: only the embedded record ever had them (the
/// PostgreSQL record starts at layout 4), and migration 4 rebuilds the tables that held it.
/// </summary>
internal static class BeforeEncryption
{
    /// <summary>Migrations 1 to 3.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1,
        [
            Create("registry_version", SingleRowKey(), Long("value")),
            Insert("registry_version", "1, 0"),
            Create("patients", Text("id").Key(), Text("display_name"), Long("added_at")),
            Create("devices",
                Text("id").Key(), Text("kid").Unique(), Bytes("certificate"),
                Text("model"), Text("lot"), Text("serial"), Text("firmware"),
                Int("status"), Text("status_reason").Nullable(), Long("status_changed_at").Nullable(),
                Text("patient_id").Nullable().Refers("patients(id)"), Long("enrolled_at")),
            Create("relays", Text("id").Key(), Text("kid").Unique(), Bytes("certificate"), Long("added_at")),
            Create("device_relays", Text("device_id").Refers("devices(id)"), Text("relay_id").Refers("relays(id)"))
                .KeyedBy("device_id", "relay_id").WithoutRowId(),
            Create("batches",
                Text("device_id"), Long("sequence"), Long("created_at"),
                Long("received_at"), Text("source"), Bytes("session_id"),
                Bytes("firmware_digest"), Bytes("envelope_sha256"), Bytes("signed_batch"),
                Int("reading_count"), Int("quarantined"))
                .KeyedBy("device_id", "sequence").WithoutRowId(),
            Create("replay_windows", Text("device_id").Key(), Bytes("state")).WithoutRowId(),
            Create("device_state",
                Text("device_id").Key(), Long("last_seen"), Text("last_source"),
                Bytes("last_session"), Bytes("firmware_digest"), Long("batches")).WithoutRowId(),
            Create("security_events",
                Long("id").GeneratedKey(), Long("at"), Text("code"),
                Text("principal"), Text("source"), Text("device_id").Nullable(), Text("detail")),
            IndexOn("security_events", "security_events_code", "code", "at"),
            IndexOn("security_events", "security_events_device", "device_id", "at"),
        ]),
        new(2,
        [
            Create("readings",
                Text("device_id"), Long("sequence"), Int("idx"), Text("patient_id").Nullable(),
                Int("kind"), Long("at"), Long("received_at"),
                Real("v0").Nullable(), Real("v1").Nullable(), Real("v2").Nullable(), Text("unit"), Int("flags"), Text("code").Nullable(),
                Int("status"), Text("reasons"), Int("verdict_version"),
                Int("rules_version"), Text("verdict_cause"), Long("verdict_at"))
                .KeyedBy("device_id", "sequence", "idx").WithoutRowId(),
            IndexOn("readings", "readings_patient", "patient_id", "kind", "at"),
            IndexOn("readings", "readings_device", "device_id", "at"),
            Create("verdict_history",
                Text("device_id"), Long("sequence"), Int("idx"), Int("version"),
                Int("status"), Text("reasons"), Int("rules_version"), Text("cause"), Long("decided_at"))
                .KeyedBy("device_id", "sequence", "idx", "version").WithoutRowId(),
            Create("device_flags", Text("device_id"), Text("flag"), Long("since"), Text("reference"), Long("set_at"))
                .KeyedBy("device_id", "flag").WithoutRowId(),
            Create("firmware_allowlist", Text("model"), Bytes("digest"), Text("version"), Long("added_at"))
                .KeyedBy("model", "digest").WithoutRowId(),
            Create("incidents",
                Long("id").GeneratedKey(), Text("kind"), Text("device_id").Nullable(), Long("opened_at"),
                Long("since"), Text("detail"), Text("status")),
            IndexOn("incidents", "incidents_device", "device_id", "kind", "status"),
            Create("recalls",
                Long("id").GeneratedKey(), Text("model"), Text("lots"), Text("serials"),
                Text("firmware"), Long("since"), Text("reason"), Long("created_at"),
                Int("devices"), Int("readings")),
            Create("alerts",
                Long("id").GeneratedKey(), Text("patient_id"), Text("rule"), Text("device_id").Nullable(),
                Long("raised_at"), Long("reading_at"), Real("value"), Text("detail"),
                Int("integrity"), Text("reasons"), Int("status"), Long("updated_at"),
                Int("occurrences"), Long("last_reading_at")),
            IndexOn("alerts", "alerts_patient", "patient_id", "status", "rule"),
            Create("alert_actions",
                Long("alert_id").Refers("alerts(id)"), Long("at"), Text("action"),
                Text("actor"), Text("note")),
            Create("calibrations",
                Long("id").GeneratedKey(), Text("patient_id"), Long("at"), Real("value"),
                Text("source"), Long("entered_at"), Text("device_id").Nullable(), Real("device_value").Nullable()),
            IndexOn("calibrations", "calibrations_patient", "patient_id", "at"),
            IndexOn("calibrations", "calibrations_device", "device_id", "at"),
            Create("patient_thresholds", Text("patient_id").Key(), Text("thresholds")).WithoutRowId(),
        ]),
        new(3,
        [
            Create("ledger", Long("idx").Key(), Text("kind"), Text("subject"), Bytes("leaf")),
            UniqueIndexOn("ledger", "ledger_subject", "kind", "subject"),
            Create("ledger_state", SingleRowKey(), Bytes("frontier")),
            Create("checkpoints", Long("size").Key(), Text("note"), Long("signed_at")),
            Drop("replay_windows"),
            Add("incidents", Text("subject").Nullable()),
        ]),
    ];
}

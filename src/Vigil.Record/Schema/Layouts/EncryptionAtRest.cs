using static Vigil.Record.Schema.Changes;
using static Vigil.Record.Schema.Column;

namespace Vigil.Record.Schema.Layouts;

/// <summary>
/// Layout 4, encryption at rest (docs/record.md): patient data moves into sealed columns; only
/// ids, times, kinds and statuses stay in clear. Records holding patient data in clear are refused
/// before it runs (SqliteSchema), so the tables that held it are rebuilt empty. It is also the
/// layout the PostgreSQL record starts from.
/// </summary>
internal static class EncryptionAtRest
{
    /// <summary>Migration 4.</summary>
    public static Migration Migration { get; } = new(4,
    [
        Drop("readings"),
        Drop("verdict_history"),
        Drop("alert_actions"),
        Drop("alerts"),
        Drop("calibrations"),
        Drop("patient_thresholds"),
        Drop("batches"),
        Drop("ledger"),
        Rewrite("DELETE FROM ledger_state"),
        Rewrite("DELETE FROM checkpoints"),
        Create("ledger",
            Long("idx").Key(), Text("kind"), Text("subject"), Bytes("leaf"),
            Text("device_id").Nullable(), Long("sequence").Nullable(), Long("access_id").Nullable()),
        Rewrite("UPDATE devices SET patient_id = NULL"),
        Drop("patients"),
        Create("patients", Text("id").Key(), Bytes("sealed_identity"), Text("glucose_unit").DefaultsTo("'mg/dL'"), Long("added_at")),
        Create("batches",
            Text("device_id"), Long("sequence"), Long("created_at"),
            Long("received_at"), Text("source"), Bytes("session_id"),
            Bytes("firmware_digest"), Bytes("envelope_sha256"), Text("patient_id").Nullable(), Bytes("sealed_batch"),
            Int("reading_count"), Int("quarantined"), Long("ledger_idx").Nullable())
            .KeyedBy("device_id", "sequence").WithoutRowId(),
        Create("readings",
            Text("device_id"), Long("sequence"), Int("idx"), Text("patient_id").Nullable(),
            Int("kind"), Long("at"), Long("received_at"), Bytes("sealed_values"),
            Int("status"), Bytes("sealed_verdict"), Int("verdict_version"),
            Int("rules_version"), Text("verdict_cause"), Long("verdict_at"))
            .KeyedBy("device_id", "sequence", "idx").WithoutRowId(),
        IndexOn("readings", "readings_patient", "patient_id", "kind", "at"),
        IndexOn("readings", "readings_device", "device_id", "at"),
        Create("verdict_history",
            Text("device_id"), Long("sequence"), Int("idx"), Int("version"),
            Int("status"), Bytes("sealed_verdict"), Int("rules_version"), Text("cause"),
            Long("decided_at"))
            .KeyedBy("device_id", "sequence", "idx", "version").WithoutRowId(),
        Create("alerts",
            Long("id").GeneratedKey(), Text("patient_id"), Text("device_id").Nullable(), Long("raised_at"),
            Long("reading_at"), Int("status"), Int("integrity"), Long("updated_at"),
            Int("occurrences"), Long("last_reading_at"), Bytes("sealed")),
        IndexOn("alerts", "alerts_patient", "patient_id", "status"),
        Create("alert_actions",
            Long("id").GeneratedKey(), Long("alert_id").Refers("alerts(id)"), Long("at"),
            Text("action"), Text("actor"), Bytes("sealed_note")),
        IndexOn("alert_actions", "alert_actions_alert", "alert_id"),
        Create("calibrations",
            Long("id").GeneratedKey(), Text("patient_id"), Long("at"), Long("entered_at"),
            Text("device_id").Nullable(), Text("source"), Bytes("sealed")),
        IndexOn("calibrations", "calibrations_patient", "patient_id", "at"),
        IndexOn("calibrations", "calibrations_device", "device_id", "at"),
        Create("patient_thresholds", Text("patient_id").Key(), Bytes("sealed")).WithoutRowId(),
        Create("data_keys", Text("scope").Key(), Text("kek"), Bytes("wrapped"), Long("created_at")).WithoutRowId(),
        Create("kek_state", SingleRowKey(), Text("active")),
        Create("users",
            Text("id").Key(), Text("display_name"), Text("role"), Text("password_hash").Nullable(),
            Int("failed_sign_ins"), Long("locked_until").Nullable(), Int("disabled"), Long("created_at")),
        Create("teams", Text("id").Key(), Text("name"), Long("created_at")),
        Create("team_members", Text("team_id").Refers("teams(id)"), Text("user_id").Refers("users(id)"))
            .KeyedBy("team_id", "user_id").WithoutRowId(),
        Create("team_patients", Text("team_id").Refers("teams(id)"), Text("patient_id").Refers("patients(id)"))
            .KeyedBy("team_id", "patient_id").WithoutRowId(),
        IndexOn("team_patients", "team_patients_patient", "patient_id"),
        Create("api_tokens", Bytes("token_sha256").Key(), Text("user_id").Refers("users(id)"), Long("created_at"), Long("expires_at"))
            .WithoutRowId(),
        Create("break_glass",
            Long("id").GeneratedKey(), Text("user_id"), Text("patient_id"), Bytes("sealed_reason"),
            Long("opened_at"), Long("expires_at"), Text("reviewed_by").Nullable(), Long("reviewed_at").Nullable(), Text("review_note").Nullable()),
        IndexOn("break_glass", "break_glass_user", "user_id", "patient_id", "expires_at"),
        Create("access_log",
            Long("id").GeneratedKey(), Long("at"), Text("user_id"), Text("role"),
            Text("patient_id"), Text("what"), Text("purpose"), Long("break_glass_id").Nullable(), Long("ledger_idx").Nullable()),
        IndexOn("access_log", "access_log_patient", "patient_id", "at"),
        IndexOn("access_log", "access_log_user", "user_id", "at"),
    ]);
}

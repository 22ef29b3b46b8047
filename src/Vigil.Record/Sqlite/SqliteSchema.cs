using Microsoft.Data.Sqlite;

namespace Vigil.Record.Sqlite;

/// <summary>
/// Versioned schema migrations, applied in order on open inside one transaction each; the
/// applied version is SQLite's <c>user_version</c>. Migrations are append-only: never edit one
/// that has shipped. Sequence numbers are 64-bit unsigned on the wire and stored in SQLite's
/// signed INTEGER by bit pattern. <see cref="Postgres.PostgresSchema"/> holds the same layout
/// for PostgreSQL.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE registry_version (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
        INSERT INTO registry_version VALUES (1, 0);
        CREATE TABLE patients (
            id TEXT PRIMARY KEY, display_name TEXT NOT NULL, added_at INTEGER NOT NULL);
        CREATE TABLE devices (
            id TEXT PRIMARY KEY, kid TEXT NOT NULL UNIQUE, certificate BLOB NOT NULL,
            model TEXT NOT NULL, lot TEXT NOT NULL, serial TEXT NOT NULL, firmware TEXT NOT NULL,
            status INTEGER NOT NULL, status_reason TEXT, status_changed_at INTEGER,
            patient_id TEXT REFERENCES patients(id), enrolled_at INTEGER NOT NULL);
        CREATE TABLE relays (
            id TEXT PRIMARY KEY, kid TEXT NOT NULL UNIQUE, certificate BLOB NOT NULL, added_at INTEGER NOT NULL);
        CREATE TABLE device_relays (
            device_id TEXT NOT NULL REFERENCES devices(id), relay_id TEXT NOT NULL REFERENCES relays(id),
            PRIMARY KEY (device_id, relay_id)) WITHOUT ROWID;
        CREATE TABLE batches (
            device_id TEXT NOT NULL, sequence INTEGER NOT NULL, created_at INTEGER NOT NULL,
            received_at INTEGER NOT NULL, source TEXT NOT NULL, session_id BLOB NOT NULL,
            firmware_digest BLOB NOT NULL, envelope_sha256 BLOB NOT NULL, signed_batch BLOB NOT NULL,
            reading_count INTEGER NOT NULL, quarantined INTEGER NOT NULL,
            PRIMARY KEY (device_id, sequence)) WITHOUT ROWID;
        CREATE TABLE replay_windows (device_id TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE device_state (
            device_id TEXT PRIMARY KEY, last_seen INTEGER NOT NULL, last_source TEXT NOT NULL,
            last_session BLOB NOT NULL, firmware_digest BLOB NOT NULL, batches INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE security_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, code TEXT NOT NULL,
            principal TEXT NOT NULL, source TEXT NOT NULL, device_id TEXT, detail TEXT NOT NULL);
        CREATE INDEX security_events_code ON security_events(code, at);
        CREATE INDEX security_events_device ON security_events(device_id, at);
        """,
        """
        CREATE TABLE readings (
            device_id TEXT NOT NULL, sequence INTEGER NOT NULL, idx INTEGER NOT NULL, patient_id TEXT,
            kind INTEGER NOT NULL, at INTEGER NOT NULL, received_at INTEGER NOT NULL,
            v0 REAL, v1 REAL, v2 REAL, unit TEXT NOT NULL, flags INTEGER NOT NULL, code TEXT,
            status INTEGER NOT NULL, reasons TEXT NOT NULL, verdict_version INTEGER NOT NULL,
            rules_version INTEGER NOT NULL, verdict_cause TEXT NOT NULL, verdict_at INTEGER NOT NULL,
            PRIMARY KEY (device_id, sequence, idx)) WITHOUT ROWID;
        CREATE INDEX readings_patient ON readings(patient_id, kind, at);
        CREATE INDEX readings_device ON readings(device_id, at);
        CREATE TABLE verdict_history (
            device_id TEXT NOT NULL, sequence INTEGER NOT NULL, idx INTEGER NOT NULL, version INTEGER NOT NULL,
            status INTEGER NOT NULL, reasons TEXT NOT NULL, rules_version INTEGER NOT NULL, cause TEXT NOT NULL, decided_at INTEGER NOT NULL,
            PRIMARY KEY (device_id, sequence, idx, version)) WITHOUT ROWID;
        CREATE TABLE device_flags (
            device_id TEXT NOT NULL, flag TEXT NOT NULL, since INTEGER NOT NULL, reference TEXT NOT NULL, set_at INTEGER NOT NULL,
            PRIMARY KEY (device_id, flag)) WITHOUT ROWID;
        CREATE TABLE firmware_allowlist (
            model TEXT NOT NULL, digest BLOB NOT NULL, version TEXT NOT NULL, added_at INTEGER NOT NULL,
            PRIMARY KEY (model, digest)) WITHOUT ROWID;
        CREATE TABLE incidents (
            id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, device_id TEXT, opened_at INTEGER NOT NULL,
            since INTEGER NOT NULL, detail TEXT NOT NULL, status TEXT NOT NULL);
        CREATE INDEX incidents_device ON incidents(device_id, kind, status);
        CREATE TABLE recalls (
            id INTEGER PRIMARY KEY AUTOINCREMENT, model TEXT NOT NULL, lots TEXT NOT NULL, serials TEXT NOT NULL,
            firmware TEXT NOT NULL, since INTEGER NOT NULL, reason TEXT NOT NULL, created_at INTEGER NOT NULL,
            devices INTEGER NOT NULL, readings INTEGER NOT NULL);
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY AUTOINCREMENT, patient_id TEXT NOT NULL, rule TEXT NOT NULL, device_id TEXT,
            raised_at INTEGER NOT NULL, reading_at INTEGER NOT NULL, value REAL NOT NULL, detail TEXT NOT NULL,
            integrity INTEGER NOT NULL, reasons TEXT NOT NULL, status INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            occurrences INTEGER NOT NULL, last_reading_at INTEGER NOT NULL);
        CREATE INDEX alerts_patient ON alerts(patient_id, status, rule);
        CREATE TABLE alert_actions (
            alert_id INTEGER NOT NULL REFERENCES alerts(id), at INTEGER NOT NULL, action TEXT NOT NULL,
            actor TEXT NOT NULL, note TEXT NOT NULL);
        CREATE TABLE calibrations (
            id INTEGER PRIMARY KEY AUTOINCREMENT, patient_id TEXT NOT NULL, at INTEGER NOT NULL, value REAL NOT NULL,
            source TEXT NOT NULL, entered_at INTEGER NOT NULL, device_id TEXT, device_value REAL);
        CREATE INDEX calibrations_patient ON calibrations(patient_id, at);
        CREATE INDEX calibrations_device ON calibrations(device_id, at);
        CREATE TABLE patient_thresholds (patient_id TEXT PRIMARY KEY, thresholds TEXT NOT NULL) WITHOUT ROWID;
        """,
        """
        CREATE TABLE ledger (idx INTEGER PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, leaf BLOB NOT NULL);
        CREATE UNIQUE INDEX ledger_subject ON ledger(kind, subject);
        CREATE TABLE ledger_state (id INTEGER PRIMARY KEY CHECK (id = 1), frontier BLOB NOT NULL);
        CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL, signed_at INTEGER NOT NULL);
        DROP TABLE replay_windows;
        ALTER TABLE incidents ADD COLUMN subject TEXT;
        """,
        // 4: encryption at rest (docs/record.md). Patient data moves into sealed columns; only ids,
        // times, kinds and statuses stay in clear. Records holding patient data in clear are
        // refused before this runs (see PlaintextTables), so the tables are rebuilt empty.
        """
        DROP TABLE readings;
        DROP TABLE verdict_history;
        DROP TABLE alert_actions;
        DROP TABLE alerts;
        DROP TABLE calibrations;
        DROP TABLE patient_thresholds;
        DROP TABLE batches;
        DROP TABLE ledger;
        DELETE FROM ledger_state;
        DELETE FROM checkpoints;
        CREATE TABLE ledger (
            idx INTEGER PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, leaf BLOB NOT NULL,
            device_id TEXT, sequence INTEGER, access_id INTEGER);
        UPDATE devices SET patient_id = NULL;
        DROP TABLE patients;
        CREATE TABLE patients (
            id TEXT PRIMARY KEY, sealed_identity BLOB NOT NULL, glucose_unit TEXT NOT NULL DEFAULT 'mg/dL', added_at INTEGER NOT NULL);
        CREATE TABLE batches (
            device_id TEXT NOT NULL, sequence INTEGER NOT NULL, created_at INTEGER NOT NULL,
            received_at INTEGER NOT NULL, source TEXT NOT NULL, session_id BLOB NOT NULL,
            firmware_digest BLOB NOT NULL, envelope_sha256 BLOB NOT NULL, patient_id TEXT, sealed_batch BLOB NOT NULL,
            reading_count INTEGER NOT NULL, quarantined INTEGER NOT NULL, ledger_idx INTEGER,
            PRIMARY KEY (device_id, sequence)) WITHOUT ROWID;
        CREATE TABLE readings (
            device_id TEXT NOT NULL, sequence INTEGER NOT NULL, idx INTEGER NOT NULL, patient_id TEXT,
            kind INTEGER NOT NULL, at INTEGER NOT NULL, received_at INTEGER NOT NULL, sealed_values BLOB NOT NULL,
            status INTEGER NOT NULL, sealed_verdict BLOB NOT NULL, verdict_version INTEGER NOT NULL,
            rules_version INTEGER NOT NULL, verdict_cause TEXT NOT NULL, verdict_at INTEGER NOT NULL,
            PRIMARY KEY (device_id, sequence, idx)) WITHOUT ROWID;
        CREATE INDEX readings_patient ON readings(patient_id, kind, at);
        CREATE INDEX readings_device ON readings(device_id, at);
        CREATE TABLE verdict_history (
            device_id TEXT NOT NULL, sequence INTEGER NOT NULL, idx INTEGER NOT NULL, version INTEGER NOT NULL,
            status INTEGER NOT NULL, sealed_verdict BLOB NOT NULL, rules_version INTEGER NOT NULL, cause TEXT NOT NULL,
            decided_at INTEGER NOT NULL,
            PRIMARY KEY (device_id, sequence, idx, version)) WITHOUT ROWID;
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY AUTOINCREMENT, patient_id TEXT NOT NULL, device_id TEXT, raised_at INTEGER NOT NULL,
            reading_at INTEGER NOT NULL, status INTEGER NOT NULL, integrity INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            occurrences INTEGER NOT NULL, last_reading_at INTEGER NOT NULL, sealed BLOB NOT NULL);
        CREATE INDEX alerts_patient ON alerts(patient_id, status);
        CREATE TABLE alert_actions (
            id INTEGER PRIMARY KEY AUTOINCREMENT, alert_id INTEGER NOT NULL REFERENCES alerts(id), at INTEGER NOT NULL,
            action TEXT NOT NULL, actor TEXT NOT NULL, sealed_note BLOB NOT NULL);
        CREATE INDEX alert_actions_alert ON alert_actions(alert_id);
        CREATE TABLE calibrations (
            id INTEGER PRIMARY KEY AUTOINCREMENT, patient_id TEXT NOT NULL, at INTEGER NOT NULL, entered_at INTEGER NOT NULL,
            device_id TEXT, source TEXT NOT NULL, sealed BLOB NOT NULL);
        CREATE INDEX calibrations_patient ON calibrations(patient_id, at);
        CREATE INDEX calibrations_device ON calibrations(device_id, at);
        CREATE TABLE patient_thresholds (patient_id TEXT PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE data_keys (scope TEXT PRIMARY KEY, kek TEXT NOT NULL, wrapped BLOB NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE kek_state (id INTEGER PRIMARY KEY CHECK (id = 1), active TEXT NOT NULL);
        CREATE TABLE users (
            id TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT,
            failed_sign_ins INTEGER NOT NULL, locked_until INTEGER, disabled INTEGER NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE team_members (
            team_id TEXT NOT NULL REFERENCES teams(id), user_id TEXT NOT NULL REFERENCES users(id), PRIMARY KEY (team_id, user_id)) WITHOUT ROWID;
        CREATE TABLE team_patients (
            team_id TEXT NOT NULL REFERENCES teams(id), patient_id TEXT NOT NULL REFERENCES patients(id), PRIMARY KEY (team_id, patient_id)) WITHOUT ROWID;
        CREATE INDEX team_patients_patient ON team_patients(patient_id);
        CREATE TABLE api_tokens (
            token_sha256 BLOB PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE break_glass (
            id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, patient_id TEXT NOT NULL, sealed_reason BLOB NOT NULL,
            opened_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, reviewed_by TEXT, reviewed_at INTEGER, review_note TEXT);
        CREATE INDEX break_glass_user ON break_glass(user_id, patient_id, expires_at);
        CREATE TABLE access_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL,
            patient_id TEXT NOT NULL, what TEXT NOT NULL, purpose TEXT NOT NULL, break_glass_id INTEGER, ledger_idx INTEGER);
        CREATE INDEX access_log_patient ON access_log(patient_id, at);
        CREATE INDEX access_log_user ON access_log(user_id, at);
        """,
        // 5: each verdict revision is a ledger entry; the row holding a version names its entry.
        // Revised readings are few, and found by a partial index without scanning every reading.
        """
        ALTER TABLE readings ADD COLUMN verdict_ledger_idx INTEGER;
        ALTER TABLE verdict_history ADD COLUMN ledger_idx INTEGER;
        CREATE INDEX readings_revised ON readings(device_id, sequence, idx) WHERE verdict_version > 1;
        """,
        // 6: the hash of each complete block of 256 ledger entries, so that a proof reads one row
        // per block instead of every entry.
        """
        CREATE TABLE ledger_blocks (idx INTEGER PRIMARY KEY, hash BLOB NOT NULL);
        """,
        // 7: the session start each batch's device signed (protocol version 2), for the clone
        // rules over sessions (docs/verification.md); earlier batches have none.
        """
        ALTER TABLE batches ADD COLUMN session_start INTEGER;
        """,
        // 8: what the record was made for, fixed at creation (RecordProfile): every record made
        // before is a clinical, protected one.
        """
        CREATE TABLE record_profile (
            id INTEGER PRIMARY KEY CHECK (id = 1), purpose TEXT NOT NULL, protection TEXT NOT NULL);
        INSERT INTO record_profile VALUES (1, 'clinical', 'protected');
        """,
        // 9: how many refusals an event stands for: identical events from one principal are
        // folded into one window, whose summary event carries the count (SecurityEventSink).
        """
        ALTER TABLE security_events ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
        """,
        // 10: the ledger covers every column of a batch (leaf version 3; earlier batches keep
        // version 2, NULL here) and the record's other facts (FactKinds): each row names its
        // newest entry. Rows already stored get their first entry once, when the record is next
        // opened (FactAdoption), which clears ledger_adoption.
        """
        ALTER TABLE batches ADD COLUMN leaf_version INTEGER;
        ALTER TABLE alerts ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE alert_actions ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE calibrations ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE patients ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE patient_thresholds ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE devices ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE device_flags ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE firmware_allowlist ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE recalls ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE incidents ADD COLUMN ledger_idx INTEGER;
        ALTER TABLE security_events ADD COLUMN ledger_idx INTEGER;
        CREATE TABLE ledger_adoption (id INTEGER PRIMARY KEY CHECK (id = 1));
        INSERT INTO ledger_adoption VALUES (1);
        """,
        // 11: each account's session stamp (a new password, disabling or enabling it ends its sessions), and break-glass review notes sealed like the reasons.
        """
        ALTER TABLE users ADD COLUMN stamp INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE break_glass ADD COLUMN sealed_review_note BLOB;
        """,
    ];

    // Tables that held patient data in clear before migration 4.
    private static readonly string[] PlaintextTables = ["patients", "batches", "readings", "alerts", "calibrations", "patient_thresholds"];

    /// <summary>The schema version this build writes.</summary>
    public static int Current => Migrations.Length;

    /// <summary>Applies what is missing; refuses a database newer than this build.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Current)
        {
            throw new InvalidDataException($"The record's schema is version {version}; this Vigil knows up to {Current}. Upgrade Vigil.");
        }

        for (var v = version; v < Current; v++)
        {
            if (v == 3)
            {
                RefusePlaintext(connection);
            }

            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static void RefusePlaintext(SqliteConnection connection)
    {
        var held = PlaintextTables.Where(t => Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM {t};"), System.Globalization.CultureInfo.InvariantCulture) > 0).ToList();
        if (held.Count > 0)
        {
            throw new InvalidDataException(
                $"The record {connection.DataSource} holds patient data stored in clear by an earlier Vigil (schema 3: {string.Join(", ", held)}). "
                + "This Vigil keeps patient data encrypted and cannot convert it in place; move the file aside to start a new record.");
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

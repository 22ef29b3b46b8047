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

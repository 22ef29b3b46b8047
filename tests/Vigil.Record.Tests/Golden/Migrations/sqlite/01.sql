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

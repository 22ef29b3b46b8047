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

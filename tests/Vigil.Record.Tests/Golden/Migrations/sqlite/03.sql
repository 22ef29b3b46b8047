CREATE TABLE ledger (idx INTEGER PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, leaf BLOB NOT NULL);
CREATE UNIQUE INDEX ledger_subject ON ledger(kind, subject);
CREATE TABLE ledger_state (id INTEGER PRIMARY KEY CHECK (id = 1), frontier BLOB NOT NULL);
CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL, signed_at INTEGER NOT NULL);
DROP TABLE replay_windows;
ALTER TABLE incidents ADD COLUMN subject TEXT;

ALTER TABLE readings ADD COLUMN verdict_ledger_idx bigint;
ALTER TABLE verdict_history ADD COLUMN ledger_idx bigint;
CREATE INDEX readings_revised ON readings(device_id, sequence, idx) WHERE verdict_version > 1;

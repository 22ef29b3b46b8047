ALTER TABLE readings ADD COLUMN verdict_ledger_idx INTEGER;
ALTER TABLE verdict_history ADD COLUMN ledger_idx INTEGER;
CREATE INDEX readings_revised ON readings(device_id, sequence, idx) WHERE verdict_version > 1;

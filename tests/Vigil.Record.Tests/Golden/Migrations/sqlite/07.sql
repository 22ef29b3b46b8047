ALTER TABLE batches ADD COLUMN session_start INTEGER;

ALTER TABLE security_events ADD COLUMN count integer NOT NULL DEFAULT 1;

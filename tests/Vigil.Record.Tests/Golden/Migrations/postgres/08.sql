ALTER TABLE users ADD COLUMN stamp bigint NOT NULL DEFAULT 0;
ALTER TABLE break_glass ADD COLUMN sealed_review_note bytea;

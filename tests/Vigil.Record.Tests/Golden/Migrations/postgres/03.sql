CREATE TABLE ledger_blocks (idx bigint PRIMARY KEY, hash bytea NOT NULL);

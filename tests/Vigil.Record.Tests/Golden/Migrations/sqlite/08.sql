CREATE TABLE record_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1), purpose TEXT NOT NULL, protection TEXT NOT NULL);
INSERT INTO record_profile VALUES (1, 'clinical', 'protected');

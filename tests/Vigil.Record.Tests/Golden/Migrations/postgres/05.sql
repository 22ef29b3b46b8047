CREATE TABLE record_profile (
    id integer PRIMARY KEY CHECK (id = 1), purpose text NOT NULL, protection text NOT NULL);
INSERT INTO record_profile VALUES (1, 'clinical', 'protected');

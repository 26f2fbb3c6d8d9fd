-- Schema v1: one table per model collection. Each row keeps the object's full JSON in `body`
-- (lossless, forward-compatible) and copies the fields worth querying into columns.
-- `ord` preserves the order the user gave.
CREATE TABLE project (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
);
CREATE TABLE business (
    id   TEXT PRIMARY KEY,
    ord  INTEGER NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE asset (
    id         TEXT PRIMARY KEY,
    ord        INTEGER NOT NULL,
    name       TEXT NOT NULL,
    asset_type TEXT NOT NULL,
    zone_id    TEXT,
    body       TEXT NOT NULL CHECK (json_valid(body))
);
CREATE INDEX asset_by_zone ON asset (zone_id);
CREATE TABLE zone (
    id        TEXT PRIMARY KEY,
    ord       INTEGER NOT NULL,
    name      TEXT NOT NULL,
    parent_id TEXT,
    sl_t      INTEGER NOT NULL DEFAULT 1,
    body      TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE entry_point (
    id   TEXT PRIMARY KEY,
    ord  INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE conduit (
    id       TEXT PRIMARY KEY,
    ord      INTEGER NOT NULL,
    name     TEXT NOT NULL,
    from_ref TEXT NOT NULL,
    to_ref   TEXT NOT NULL,
    body     TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE threat_scenario (
    id        TEXT PRIMARY KEY,
    ord       INTEGER NOT NULL,
    zone_id   TEXT NOT NULL,
    threat_id TEXT NOT NULL,
    body      TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE countermeasure (
    id             TEXT PRIMARY KEY,
    ord            INTEGER NOT NULL,
    measure_id     TEXT NOT NULL,
    status         TEXT NOT NULL,
    responsibility TEXT,
    body           TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE ooda_role (
    id   TEXT PRIMARY KEY,
    ord  INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE supplier (
    id   TEXT PRIMARY KEY,
    ord  INTEGER NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE checklist_answer (
    id      TEXT PRIMARY KEY,
    ord     INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    body    TEXT NOT NULL CHECK (json_valid(body))
);

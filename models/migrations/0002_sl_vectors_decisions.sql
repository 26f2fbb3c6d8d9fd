-- Schema v2:
-- * SL-T becomes a vector over FR1–FR7 and lives in the zone's JSON body; v1 kept a single
--   integer in a column, which is moved into the body (as the uniform shorthand) and dropped.
-- * Business damages (scenario method), risk decisions and customer responses get tables.
-- * Project settings (risk method, tolerable risk) get a default row.
UPDATE zone SET body = json_set(body, '$.sl_t', sl_t) WHERE json_type(body, '$.sl_t') IS NULL;
ALTER TABLE zone DROP COLUMN sl_t;
CREATE TABLE business_damage (
    id        TEXT PRIMARY KEY,
    ord       INTEGER NOT NULL,
    name      TEXT NOT NULL,
    target_id TEXT NOT NULL,
    body      TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE risk_decision (
    id   TEXT PRIMARY KEY,
    ord  INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE customer_response (
    id   TEXT PRIMARY KEY,
    ord  INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
);
INSERT OR IGNORE INTO project (key, value) VALUES ('settings', '{}');

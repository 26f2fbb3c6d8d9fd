-- Schema v3: the revision history (改訂履歴), one row per recorded version, oldest first.
CREATE TABLE revision (
    id      TEXT PRIMARY KEY,
    ord     INTEGER NOT NULL,
    version TEXT NOT NULL,
    body    TEXT NOT NULL CHECK (json_valid(body))
);

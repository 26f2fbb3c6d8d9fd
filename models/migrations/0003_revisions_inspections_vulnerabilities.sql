-- Schema v3:
-- * the revision history (改訂履歴), one row per recorded version, oldest first;
-- * completion-inspection results (完成検査) read back from workbooks, keyed by check row id;
-- * vulnerability-inspection findings (脆弱性検査結果).
CREATE TABLE revision (
    id      TEXT PRIMARY KEY,
    ord     INTEGER NOT NULL,
    version TEXT NOT NULL,
    body    TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE inspection_result (
    id   TEXT PRIMARY KEY,
    ord  INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TABLE vulnerability_finding (
    id   TEXT PRIMARY KEY,
    ord  INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
);

//! Embedded, numbered, forward-only migrations. Each runs in its own transaction and sets
//! `PRAGMA user_version`; a file whose version is newer than [`SCHEMA_VERSION`] is refused
//! by [`super::open`] rather than misread.

use rusqlite::Connection;

/// The migrations, in order; migration *n* (1-based) brings the schema to version *n*.
pub const MIGRATIONS: [(&str, &str); 3] = [
    (
        "0001_init.sql",
        include_str!("../../migrations/0001_init.sql"),
    ),
    (
        "0002_sl_vectors_decisions.sql",
        include_str!("../../migrations/0002_sl_vectors_decisions.sql"),
    ),
    (
        "0003_revisions_inspections_vulnerabilities.sql",
        include_str!("../../migrations/0003_revisions_inspections_vulnerabilities.sql"),
    ),
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version of an open database (0 for an empty one).
///
/// # Errors
/// SQLite errors.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Apply the migrations after the database's current version, up to `target`.
///
/// # Errors
/// SQLite errors; the failing migration's transaction is rolled back.
pub fn apply(conn: &mut Connection, target: i64) -> rusqlite::Result<()> {
    let current = version(conn)?;
    for (i, (_, sql)) in MIGRATIONS.iter().enumerate() {
        let v = i as i64 + 1;
        if v <= current || v > target {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", v)?;
        tx.commit()?;
    }
    Ok(())
}

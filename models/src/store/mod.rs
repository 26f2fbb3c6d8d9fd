//! One project = one SQLite file (`.otz`).
//!
//! - **Saves are atomic.** A save writes a complete new database into a temporary file in the
//!   same directory, in one transaction, syncs it and renames it over the target. An
//!   interrupted save leaves the previous file as it was; there is never a half-written project.
//! - **Opening never writes.** The file is read into memory and SQLite works on that copy, in
//!   defensive mode, after checking that the schema is exactly ours (see [`open`]). An older
//!   schema is migrated in memory (the file itself is upgraded by the next save); a newer
//!   schema is refused.
//! - **Bad files are named and located**: not SQLite, SQLite of another application, newer
//!   schema, damaged rows (table and row id), inconsistent references (model path).

pub mod migrate;
mod tables;
pub mod update;

use crate::catalogue::Catalogue;
use crate::model::Project;
use crate::{integrity, Error, Location, Result};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

pub use migrate::SCHEMA_VERSION;

/// `PRAGMA application_id` of project files: "OTZS".
pub const APPLICATION_ID: i32 = 0x4F54_5A53;

/// File extension of project files.
pub const EXTENSION: &str = "otz";

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::NotADatabase) => Error::NotAProject {
            location: Location::file(path),
            detail: "the file is not an SQLite database".into(),
        },
        Some(C::DatabaseCorrupt) => Error::CorruptProject {
            location: Location::file(path),
            detail: e.to_string(),
        },
        _ => Error::CorruptProject {
            location: Location::file(path),
            detail: e.to_string(),
        },
    }
}

/// Save a project to `path` atomically (see the module docs).
///
/// # Errors
/// [`Error::InvalidModel`] when the project would not open again
/// ([`crate::json::admit`]); [`Error::Io`] when the directory is not writable or the rename fails; the target is then
/// unchanged.
pub fn save(path: &Path, project: &Project) -> Result<()> {
    crate::json::admit(path, project)?;
    crate::json::replace_atomically(path, ".otz", |tmp, path| {
        let write_err = |e: rusqlite::Error| Error::Io {
            location: Location::file(path),
            action: "write",
            source: std::io::Error::other(e),
        };
        let mut conn = Connection::open(tmp.path()).map_err(write_err)?;
        // The temporary file is discarded if anything fails, so SQLite's own journal adds
        // nothing here; atomicity comes from the rename.
        conn.pragma_update(None, "journal_mode", "OFF")
            .map_err(write_err)?;
        conn.pragma_update(None, "synchronous", "OFF")
            .map_err(write_err)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(write_err)?;
        migrate::apply(&mut conn, SCHEMA_VERSION).map_err(write_err)?;
        let tx = conn.transaction().map_err(write_err)?;
        tables::write_all(&tx, project).map_err(write_err)?;
        tx.commit().map_err(write_err)?;
        conn.close().map_err(|(_, e)| write_err(e))
    })
}

/// Largest project file accepted (bytes). The synthetic factory of 100,000 assets saves to
/// well under a tenth of this.
pub const MAX_PROJECT_BYTES: u64 = 2 << 30;

/// Longest time opening a project may take before it is given up (SQLite's progress handler
/// interrupts any statement that runs longer).
pub const OPEN_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Open a project file.
///
/// The file is read once into memory and SQLite works on that copy: opening never writes
/// next to the project (no `-journal`, `-wal` or `-shm` files, whatever journal mode the file
/// says), and a file changed by another program while it is read cannot confuse the reader.
/// SQLite runs in defensive mode with untrusted schema, and the schema must be exactly the
/// one this program writes for the file's version: a view, trigger or extra table put in a
/// file from outside is refused before any query runs (an endlessly recursive view in place of
/// a table hung opening before).
///
/// # Errors
/// [`Error::Io`], [`Error::NotAProject`], [`Error::NewerSchema`], [`Error::CorruptProject`]
/// (with table and row), [`Error::InvalidModel`] (with model paths).
pub fn open(path: &Path) -> Result<Project> {
    // A regular file only: opening a pipe blocks, a device never ends.
    let len = crate::json::input_len(path)?;
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
    if len > MAX_PROJECT_BYTES {
        return Err(Error::NotAProject {
            location: Location::file(path),
            detail: format!("file of {len} bytes exceeds the limit of {MAX_PROJECT_BYTES} bytes"),
        });
    }
    let mut header = [0u8; 100];
    let n = read_up_to(&mut f, &mut header).map_err(|e| Error::io(path, "read", e))?;
    if n < 100 || &header[..16] != SQLITE_HEADER {
        return Err(Error::NotAProject {
            location: Location::file(path),
            detail: "the file is not an SQLite database (wrong header)".into(),
        });
    }
    // Bytes 18 and 19 are the write and read format versions: 2 means WAL mode.
    if header[18] == 2 || header[19] == 2 {
        let wal = wal_path(path);
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            return Err(Error::CorruptProject {
                location: Location::file(path),
                detail: format!(
                    "changes of another program are still in {} and not in the project; \
                     close that program (SQLite then writes them into the file) and open again",
                    wal.display()
                ),
            });
        }
        // The image in memory is read as an ordinary (rollback-journal) database.
        header[18] = 1;
        header[19] = 1;
    }
    let mut conn = Connection::open_in_memory().map_err(|e| db_error(path, e))?;
    harden(&conn).map_err(|e| db_error(path, e))?;
    let image = std::io::Read::chain(&header[..], &mut f);
    conn.deserialize_read_exact(rusqlite::MAIN_DB, image, len as usize, false)
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::CannotOpen) => Error::io(
                path,
                "read",
                std::io::Error::other("the file changed size while it was read"),
            ),
            _ => db_error(path, e),
        })?;
    drop(f);
    let deadline = std::time::Instant::now() + OPEN_TIME_LIMIT;
    conn.progress_handler(100_000, Some(move || std::time::Instant::now() > deadline))
        .map_err(|e| db_error(path, e))?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| db_error(path, e))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAProject {
            location: Location::file(path),
            detail: format!(
                "an SQLite database of another application (application_id {app_id:#x})"
            ),
        });
    }
    let version = migrate::version(&conn).map_err(|e| db_error(path, e))?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            location: Location::file(path),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < 1 {
        return Err(Error::CorruptProject {
            location: Location::file(path),
            detail: format!("schema version {version} is not valid"),
        });
    }
    check_schema(&conn, version).map_err(|detail| Error::CorruptProject {
        location: Location::file(path),
        detail,
    })?;
    if version < SCHEMA_VERSION {
        migrate::apply(&mut conn, SCHEMA_VERSION).map_err(|e| Error::CorruptProject {
            location: Location::file(path),
            detail: format!("cannot migrate from schema version {version}: {e}"),
        })?;
    }
    let mut project = tables::read_all(&conn).map_err(|e| e.in_file(path))?;
    crate::model::numbering::assign(&mut project);
    let problems = integrity::check(&project, Catalogue::builtin());
    if !problems.is_empty() {
        return Err(Error::InvalidModel {
            location: Location::file(path),
            problems,
        });
    }
    Ok(project)
}

/// SQLite settings for reading a file from outside: no schema-defined functions or virtual
/// tables act with our rights, and the database cannot be altered through its own schema.
fn harden(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    Ok(())
}

/// The file's schema must be exactly what the migrations up to `version` create.
fn check_schema(conn: &Connection, version: i64) -> std::result::Result<(), String> {
    let objects = |c: &Connection| -> rusqlite::Result<Vec<(String, String, Option<String>)>> {
        let mut stmt = c.prepare(
            "SELECT type, name, sql FROM sqlite_schema \
             WHERE name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect()
    };
    let mut reference = Connection::open_in_memory().map_err(|e| e.to_string())?;
    migrate::apply(&mut reference, version).map_err(|e| e.to_string())?;
    let expected = objects(&reference).map_err(|e| e.to_string())?;
    let found = objects(conn).map_err(|e| format!("cannot read the schema: {e}"))?;
    if let Some((kind, name, _)) = found.iter().find(|o| !expected.contains(o)) {
        return Err(format!(
            "unexpected {kind} {name:?} in the schema: not a file this program wrote"
        ));
    }
    if let Some((kind, name, _)) = expected.iter().find(|o| !found.contains(o)) {
        return Err(format!("{kind} {name:?} is missing from the schema"));
    }
    Ok(())
}

fn wal_path(path: &Path) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push("-wal");
    s.into()
}

/// Read until `buf` is full or the file ends; the number of bytes read.
fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Open a project from `.otz` (SQLite) or `.json`, by extension.
///
/// # Errors
/// As [`open`] or [`crate::json::read`]; [`Error::UnsupportedFormat`] for other extensions.
pub fn load_any(path: &Path) -> Result<Project> {
    match extension(path).as_deref() {
        Some("json") => crate::json::read(path),
        Some(EXTENSION) => open(path),
        _ => Err(Error::UnsupportedFormat {
            location: Location::file(path),
            detail: "expected a project file (.otz) or project JSON (.json)".into(),
        }),
    }
}

/// Save a project as `.otz` (SQLite) or `.json`, by extension.
///
/// # Errors
/// As [`save`] or [`crate::json::write`]; [`Error::UnsupportedFormat`] for other extensions.
pub fn save_any(path: &Path, project: &Project) -> Result<()> {
    match extension(path).as_deref() {
        Some("json") => crate::json::write(path, project),
        Some(EXTENSION) => save(path, project),
        _ => Err(Error::UnsupportedFormat {
            location: Location::file(path),
            detail: "expected a project file (.otz) or project JSON (.json)".into(),
        }),
    }
}

/// A project file must be named `.otz` or `.json`.
///
/// # Errors
/// [`Error::UnsupportedFormat`] otherwise.
pub(crate) fn check_extension(path: &Path) -> Result<()> {
    match extension(path).as_deref() {
        Some("json") | Some(EXTENSION) => Ok(()),
        _ => Err(Error::UnsupportedFormat {
            location: Location::file(path),
            detail: "expected a project file (.otz) or project JSON (.json)".into(),
        }),
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

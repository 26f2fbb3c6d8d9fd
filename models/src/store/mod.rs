//! One project = one SQLite file (`.otz`).
//!
//! - **Saves are atomic.** A save writes a complete new database into a temporary file in the
//!   same directory, in one transaction, syncs it and renames it over the target. An
//!   interrupted save leaves the previous file as it was; there is never a half-written project.
//! - **Opening never writes.** The file is opened read-only. An older schema is migrated in
//!   memory (the file itself is upgraded by the next save); a newer schema is refused.
//! - **Bad files are named and located**: not SQLite, SQLite of another application, newer
//!   schema, damaged rows (table and row id), inconsistent references (model path).

pub mod migrate;
mod tables;

use crate::catalogue::Catalogue;
use crate::json::{keep_permissions, parent_dir, sync_dir};
use crate::model::Project;
use crate::{integrity, Error, Location, Result};
use rusqlite::{Connection, OpenFlags};
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
/// [`Error::Io`] when the directory is not writable or the rename fails; the target is then
/// unchanged.
pub fn save(path: &Path, project: &Project) -> Result<()> {
    let dir = parent_dir(path);
    let tmp = tempfile::Builder::new()
        .prefix(".tmp-otzone-")
        .suffix(".otz")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, "create a temporary file next to", e))?;
    {
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
        conn.close().map_err(|(_, e)| write_err(e))?;
    }
    keep_permissions(tmp.as_file(), path);
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(path, "write", e))?;
    tmp.persist(path)
        .map_err(|e| Error::io(path, "replace", e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Open a project file.
///
/// # Errors
/// [`Error::Io`], [`Error::NotAProject`], [`Error::NewerSchema`], [`Error::CorruptProject`]
/// (with table and row), [`Error::InvalidModel`] (with model paths).
pub fn open(path: &Path) -> Result<Project> {
    let mut header = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
    let n = f
        .read(&mut header)
        .map_err(|e| Error::io(path, "read", e))?;
    if n < 16 || &header != SQLITE_HEADER {
        return Err(Error::NotAProject {
            location: Location::file(path),
            detail: "the file is not an SQLite database (wrong header)".into(),
        });
    }
    drop(f);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
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
    let project = if version < SCHEMA_VERSION {
        let mut mem = Connection::open_in_memory().map_err(|e| db_error(path, e))?;
        {
            let backup =
                rusqlite::backup::Backup::new(&conn, &mut mem).map_err(|e| db_error(path, e))?;
            backup
                .run_to_completion(4096, std::time::Duration::ZERO, None)
                .map_err(|e| db_error(path, e))?;
        }
        migrate::apply(&mut mem, SCHEMA_VERSION).map_err(|e| Error::CorruptProject {
            location: Location::file(path),
            detail: format!("cannot migrate from schema version {version}: {e}"),
        })?;
        tables::read_all(&mem)
    } else {
        tables::read_all(&conn)
    }
    .map_err(|e| e.in_file(path))?;
    let mut project = project;
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

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

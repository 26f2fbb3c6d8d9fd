//! Files the shell keeps for the user: the crash-recovery copy, the recent-files list, and the
//! set of paths the user chose (the only files commands may touch).

use crate::error::{CmdResult, CommandError};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many recent files are remembered.
pub const RECENT_MAX: usize = 10;

fn io_error(action: &str, path: &Path, e: impl std::fmt::Display) -> CommandError {
    CommandError {
        code: "io".into(),
        message: format!("{}: cannot {action}: {e}", path.display()),
        location: Some(otzone_models::Location::file(path)),
        problems: Vec::new(),
    }
}

/// Write `bytes` to `path` through a temp file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> CmdResult<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io_error("create the folder", dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempfile_in(dir)
        .map_err(|e| io_error("write", path, e))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| io_error("write", path, e))?;
    tmp.persist(path)
        .map_err(|e| io_error("write", path, e.error))?;
    Ok(())
}

/// The crash-recovery copy of the open project: written a moment after every edit, removed
/// once the project is saved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recovery {
    /// The file the project belongs to, if it was saved before.
    pub path: Option<String>,
    /// When the copy was written (seconds since the epoch).
    pub saved_at: u64,
    /// The project as the UI held it.
    pub project: serde_json::Value,
}

/// Where recovery copies live.
pub struct RecoveryStore {
    file: PathBuf,
}

impl RecoveryStore {
    /// Recovery copies under `dir`.
    pub fn new(dir: &Path) -> Self {
        Self {
            file: dir.join("recovery").join("current.json"),
        }
    }

    /// Keep a copy.
    pub fn write(&self, path: Option<String>, project: serde_json::Value) -> CmdResult<()> {
        let saved_at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let r = Recovery {
            path,
            saved_at,
            project,
        };
        let bytes = serde_json::to_vec(&r).map_err(|e| io_error("encode", &self.file, e))?;
        write_atomic(&self.file, &bytes)
    }

    /// The copy left by a session that did not save, if any. A damaged copy is reported, not
    /// discarded.
    pub fn read(&self) -> CmdResult<Option<Recovery>> {
        match std::fs::read(&self.file) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| CommandError {
                    code: "invalid_recovery".into(),
                    message: format!(
                        "{}: line {}, column {}: {e}",
                        self.file.display(),
                        e.line(),
                        e.column()
                    ),
                    location: Some(otzone_models::Location::file(&self.file)),
                    problems: Vec::new(),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error("read", &self.file, e)),
        }
    }

    /// Forget the copy (after a save, or when the user declines to restore it).
    pub fn clear(&self) -> CmdResult<()> {
        match std::fs::remove_file(&self.file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error("remove", &self.file, e)),
        }
    }
}

/// The recent-files list, newest first, kept in a JSON file.
pub struct RecentFiles {
    file: PathBuf,
}

impl RecentFiles {
    /// The list under `dir`.
    pub fn new(dir: &Path) -> Self {
        Self {
            file: dir.join("recent.json"),
        }
    }

    /// The list (a missing or damaged list is empty: it is only a convenience).
    pub fn list(&self) -> Vec<String> {
        std::fs::read(&self.file)
            .ok()
            .and_then(|b| serde_json::from_slice::<Vec<String>>(&b).ok())
            .unwrap_or_default()
    }

    /// Put `path` first.
    pub fn push(&self, path: &Path) -> CmdResult<Vec<String>> {
        let p = path.display().to_string();
        let mut list = self.list();
        list.retain(|x| x != &p);
        list.insert(0, p);
        list.truncate(RECENT_MAX);
        let bytes =
            serde_json::to_vec_pretty(&list).map_err(|e| io_error("encode", &self.file, e))?;
        write_atomic(&self.file, &bytes)?;
        Ok(list)
    }
}

/// Paths the user chose in a dialog, on the command line or earlier (recent files): the only
/// files commands read or write.
#[derive(Default)]
pub struct Chosen {
    paths: HashSet<PathBuf>,
}

impl Chosen {
    /// Allow `path`.
    pub fn allow(&mut self, path: &Path) {
        self.paths.insert(path.to_path_buf());
    }

    /// Refuse a path the user did not choose.
    pub fn check(&self, path: &str) -> CmdResult<PathBuf> {
        let p = PathBuf::from(path);
        if self.paths.contains(&p) {
            Ok(p)
        } else {
            Err(CommandError::shell(
                "not_chosen",
                format!("{path}: not a file chosen by the user"),
            ))
        }
    }
}

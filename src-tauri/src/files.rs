//! Files the shell keeps for the user: the crash-recovery copy, the recent-files list, and the
//! set of paths the user chose (the only files commands may touch).

use crate::error::{CmdResult, CommandError};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
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

/// Write `bytes` to `path` atomically, as every save does (`json::write_atomic`), making
/// its folder first.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> CmdResult<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io_error("create the folder", dir, e))?;
    Ok(otzone_models::json::write_atomic(path, bytes)?)
}

/// A crash-recovery copy of an open project: written a moment after every edit, removed
/// once that project is saved. Each window's project has its own copy, so that two windows
/// (or two projects) never overwrite each other's, and saving one clears only its own.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Recovery {
    /// Which window and project the copy belongs to (its file name in the store).
    #[serde(default)]
    pub key: String,
    /// The file the project belongs to, if it was saved before.
    pub path: Option<String>,
    /// When the copy was written (seconds since the epoch).
    pub saved_at: u64,
    /// The project as the UI held it.
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: serde_json::Value,
}

/// Where recovery copies live: `recovery/KEY.json`, one per window and project.
pub struct RecoveryStore {
    dir: PathBuf,
}

/// The key of a window's project: the window's label and the project's id, reduced to
/// characters safe in a file name.
pub fn recovery_key(window: &str, project: &serde_json::Value) -> String {
    let id = project
        .get("id")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("untitled");
    safe_key(&format!("{window}-{id}"))
}

/// A key reduced to characters safe in a file name (keys also come back from the web view).
fn safe_key(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect()
}

impl RecoveryStore {
    /// Recovery copies under `dir`.
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.join("recovery"),
        }
    }

    fn file(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{}.json", safe_key(key)))
    }

    /// Keep a copy under `key` (see [`recovery_key`]).
    pub fn write(
        &self,
        key: &str,
        path: Option<String>,
        project: serde_json::Value,
    ) -> CmdResult<()> {
        let saved_at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let r = Recovery {
            key: key.to_owned(),
            path,
            saved_at,
            project,
        };
        let file = self.file(key);
        let bytes = serde_json::to_vec(&r).map_err(|e| io_error("encode", &file, e))?;
        write_atomic(&file, &bytes)
    }

    /// The copies left by sessions that did not save, newest first. A damaged copy is
    /// reported (and kept), not discarded.
    pub fn read_all(&self) -> (Vec<Recovery>, Vec<CommandError>) {
        let (mut found, mut errors) = (Vec::new(), Vec::new());
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return (found, errors);
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for file in files {
            match std::fs::read(&file) {
                Ok(bytes) => match serde_json::from_slice::<Recovery>(&bytes) {
                    Ok(mut r) => {
                        // The key is the file's name (a copy from before keys: `current`).
                        r.key = file
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        found.push(r);
                    }
                    Err(e) => errors.push(CommandError {
                        code: "invalid_recovery".into(),
                        message: format!(
                            "{}: line {}, column {}: {e}",
                            file.display(),
                            e.line(),
                            e.column()
                        ),
                        location: Some(otzone_models::Location::file(&file)),
                        problems: Vec::new(),
                    }),
                },
                Err(e) => errors.push(io_error("read", &file, e)),
            }
        }
        found.sort_by_key(|r| std::cmp::Reverse(r.saved_at));
        (found, errors)
    }

    /// Forget the copy under `key` (after that project's save, or when the user declines to
    /// restore it).
    pub fn clear(&self, key: &str) -> CmdResult<()> {
        let file = self.file(key);
        match std::fs::remove_file(&file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error("remove", &file, e)),
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

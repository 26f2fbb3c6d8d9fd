//! No lost updates: a project file is changed by one program at a time, and never over a
//! change another program made since it was opened.
//!
//! - **The lock.** Whoever saves a project holds an exclusive lock on a small companion file,
//!   `.NAME.lock` beside it (operating-system file locks: `flock` on Unix, `LockFileEx` on
//!   Windows; released when the holder ends, however it ends). The companion file is left in
//!   place: deleting it would let two programs lock two different files. The command line
//!   holds the lock from opening to saving, so two imports into one file run one after the
//!   other and both are kept.
//! - **The fingerprint.** Opening for an update records the file's size, modification time
//!   and identity (its inode on Unix: every save here replaces the file, so it changes with
//!   each save). A save checks, under the lock, that the file still has that fingerprint and
//!   otherwise refuses with [`Error::Conflict`]: the desktop app then offers to reload or to
//!   save under another name.
//! - **Leftovers.** A save killed half-way leaves its temporary file (`.tmp-otzone-NAME-…`);
//!   the next save of the same file removes them, under the lock, so none is being written.

use crate::model::Project;
use crate::{Error, Location, Result};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How long a save waits for another program's save of the same file to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(30);

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    identity: Option<(u64, u64)>,
}

impl Fingerprint {
    /// The fingerprint of the file at `path` now; None when it does not exist.
    pub fn of(path: &Path) -> Option<Self> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            Some((m.dev(), m.ino()))
        };
        #[cfg(not(unix))]
        let identity = m
            .created()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| (d.as_secs(), u64::from(d.subsec_nanos())));
        Some(Self {
            len: m.len(),
            modified: m.modified().ok(),
            identity,
        })
    }
}

/// The exclusive lock on a project file's companion `.NAME.lock` (released on drop).
#[derive(Debug)]
pub struct ProjectLock {
    _file: std::fs::File,
}

/// The companion lock file of `path`.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::json::parent_dir(path).join(format!(".{name}.lock"))
}

/// Take the lock of `path`, waiting up to [`LOCK_WAIT`] for another holder.
///
/// # Errors
/// [`Error::Io`] when the lock file cannot be created (a folder without write access: a
/// save would fail there too), [`Error::Conflict`] when another program holds the lock longer.
pub fn lock(path: &Path) -> Result<ProjectLock> {
    // The file a link names is the one to lock (and to save, see `json::resolve_target`).
    let target = crate::json::resolve_target(path)?;
    let lock = lock_path(&target);
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).read(true).write(true);
    #[cfg(windows)]
    {
        // Hidden like Office's `~$` files (a leading dot hides nothing on Windows).
        use std::os::windows::fs::OpenOptionsExt;
        options.attributes(0x2);
    }
    let mut file = options
        .open(&lock)
        .map_err(|e| Error::io(&lock, "create the lock file", e))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                // Who holds it, for a colleague whose save has to wait.
                let _ = write_holder(&mut file);
                return Ok(ProjectLock { _file: file });
            }
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&lock).unwrap_or_default();
                let holder = holder.trim();
                return Err(Error::Conflict {
                    location: Location::file(path),
                    detail: format!(
                        "another program has been saving this project for {} s ({}lock {}); \
                         try again when it has finished",
                        LOCK_WAIT.as_secs(),
                        if holder.is_empty() {
                            String::new()
                        } else {
                            format!("{holder}, ")
                        },
                        lock.display()
                    ),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::io(&lock, "lock", e));
            }
        }
    }
}

/// Take the lock of an existing project file, after checking what can be checked without it:
/// the file exists, is a regular file and is named `.otz` or `.json` (a command refused for
/// such a reason leaves no lock file behind).
///
/// # Errors
/// As [`crate::json::input_len`], [`Error::UnsupportedFormat`] for another extension, as
/// [`lock`].
pub fn lock_existing(path: &Path) -> Result<ProjectLock> {
    crate::json::input_len(path)?;
    super::check_extension(path)?;
    lock(path)
}

/// Write who holds the lock into it: user, computer, process and time.
fn write_holder(file: &mut std::fs::File) -> std::io::Result<()> {
    use std::io::{Seek, Write};
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    let user = [env("USER"), env("USERNAME")]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    let host = [env("HOSTNAME"), env("COMPUTERNAME")]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    file.set_len(0)?;
    file.rewind()?;
    write!(
        file,
        "held by {user}@{host}, process {}, since {since} (seconds since 1970)",
        std::process::id()
    )
}

/// Save `project` to `path` (format by extension) under the lock, only if the file is still
/// the version `opened` describes (`None`: the file must not have appeared meanwhile either,
/// when `must_be_new` is set). Returns the new file's fingerprint.
///
/// # Errors
/// [`Error::Conflict`] when the file changed since it was opened (nothing is written), else
/// as [`super::save_any`].
pub fn save_if_unchanged(
    path: &Path,
    project: &Project,
    opened: Option<&Fingerprint>,
) -> Result<Fingerprint> {
    super::check_extension(path)?;
    let _lock = lock(path)?;
    save_locked(path, project, opened)
}

/// As [`save_if_unchanged`], for a caller that already holds the lock.
///
/// # Errors
/// As [`save_if_unchanged`].
pub fn save_locked(
    path: &Path,
    project: &Project,
    opened: Option<&Fingerprint>,
) -> Result<Fingerprint> {
    let target = crate::json::resolve_target(path)?;
    let path = target.as_path();
    if let Some(expected) = opened {
        if Fingerprint::of(path).as_ref() != Some(expected) {
            return Err(Error::Conflict {
                location: Location::file(path),
                detail: "the file was changed by another program since it was opened; \
                         nothing was written: reload it, or save under another name"
                    .into(),
            });
        }
    }
    remove_leftovers(path);
    super::save_any(path, project)?;
    Fingerprint::of(path).ok_or_else(|| {
        Error::io(
            path,
            "read back",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        )
    })
}

/// Open `path` for an update: the project and the fingerprint of the version read.
///
/// # Errors
/// As [`super::load_any`].
pub fn open_for_update(path: &Path) -> Result<(Project, Fingerprint)> {
    let before = Fingerprint::of(path);
    let project = super::load_any(path)?;
    // A file replaced while it was read gets the fingerprint of neither version: the save
    // will then refuse, which is right.
    let fingerprint = match (before, Fingerprint::of(path)) {
        (Some(a), Some(b)) if a == b => a,
        (_, Some(mut b)) => {
            b.len = u64::MAX;
            b
        }
        _ => {
            return Err(Error::io(
                path,
                "read",
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ))
        }
    };
    Ok((project, fingerprint))
}

/// Random characters in a temporary file's name (after [`temporary_prefix`]).
pub(crate) const TEMP_RANDOM_CHARS: usize = 6;

/// The prefix of the temporary files a save of `path` writes.
pub(crate) fn temporary_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".tmp-otzone-{name}-")
}

/// Remove the temporary files killed saves of `path` left (see the module docs).
fn remove_leftovers(path: &Path) {
    let prefix = temporary_prefix(path);
    let Ok(entries) = std::fs::read_dir(crate::json::parent_dir(path)) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        // Exactly this file's: the prefix, the random characters, maybe `.otz` (the temporary
        // files of `a.otz-v2.otz` also start with `a.otz`'s prefix).
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let random = rest.strip_suffix(".otz").unwrap_or(rest);
        if random.len() == TEMP_RANDOM_CHARS && random.chars().all(|c| c.is_ascii_alphanumeric()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

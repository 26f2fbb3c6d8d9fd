//! Lossless JSON interchange (samples, diffs, version control).
//!
//! Reading is strict and located: a syntax error names the line and column, a value that does
//! not fit the model names its JSON path (`assets[3].importance_override.level`), an over-long
//! text names its field, and the structural check ([`crate::integrity`]) runs before a project
//! is returned. Writing is atomic (temporary file + rename) and deterministic.

use crate::catalogue::Catalogue;
use crate::integrity::{self, MAX_TEXT_BYTES};
use crate::model::{Project, FORMAT_VERSION};
use crate::{Error, Location, Result};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// Largest JSON file accepted.
pub const MAX_JSON_BYTES: u64 = 512 << 20;

/// Parse a project from JSON bytes. `origin` names the source in errors.
///
/// # Errors
/// [`Error::InvalidJson`] for syntax, type, version or size problems;
/// [`Error::InvalidModel`] for dangling references and other structural problems.
pub fn parse(bytes: &[u8], origin: &Location) -> Result<Project> {
    let project = parse_unchecked(bytes, origin)?;
    let problems = integrity::check(&project, Catalogue::builtin());
    if !problems.is_empty() {
        return Err(Error::InvalidModel {
            location: origin.clone(),
            problems,
        });
    }
    Ok(project)
}

/// Parse a project from JSON bytes as [`parse`] does (syntax, types, version, sizes), but
/// without the structural check: a document whose items refer to missing ones (or repeat an
/// id, or make a conduit from a zone to itself) is returned as read. Only for an edit that can repair such a document (removing the
/// offending item); whatever is analysed, saved or exported goes through [`parse`].
///
/// # Errors
/// [`Error::InvalidJson`] for syntax, type, version or size problems.
pub fn parse_unchecked(bytes: &[u8], origin: &Location) -> Result<Project> {
    // A byte-order mark (Windows editors write one) is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| Error::InvalidJson {
        location: Location {
            row: Some(e.line() as u64),
            column: Some(e.column().to_string()),
            ..origin.clone()
        },
        detail: e.to_string(),
    })?;
    let obj = value.as_object().ok_or_else(|| Error::InvalidJson {
        location: origin.clone(),
        detail: "a project file must be a JSON object".into(),
    })?;
    match obj.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(Error::InvalidJson {
                location: Location {
                    path: Some("format_version".into()),
                    ..origin.clone()
                },
                detail: format!(
                    "format version {v} is newer than this program supports ({FORMAT_VERSION}); \
                     open it with a newer OT Zone Studio"
                ),
            })
        }
        Some(_) => {}
        None => {
            return Err(Error::InvalidJson {
                location: Location {
                    path: Some("format_version".into()),
                    ..origin.clone()
                },
                detail: "missing format_version: not an OT Zone Studio project".into(),
            })
        }
    }
    let mut path = String::new();
    if let Some((at, len)) = integrity::oversized_in_value(&value, &mut path) {
        return Err(Error::InvalidJson {
            location: Location {
                path: Some(at),
                ..origin.clone()
            },
            detail: format!("text of {len} bytes exceeds the limit of {MAX_TEXT_BYTES} bytes"),
        });
    }
    let mut project: Project = serde_path_to_error::deserialize(value).map_err(|e| {
        let at = e.path().to_string();
        Error::InvalidJson {
            location: Location {
                path: Some(at),
                ..origin.clone()
            },
            detail: e.into_inner().to_string(),
        }
    })?;
    // Files written before readable numbers existed get them now (kept when saved).
    crate::model::numbering::assign(&mut project);
    Ok(project)
}

/// Read a project from a JSON file.
///
/// # Errors
/// As [`parse`], plus [`Error::Io`] and a size limit.
pub fn read(path: &Path) -> Result<Project> {
    let len = input_len(path)?;
    if len > MAX_JSON_BYTES {
        return Err(Error::InvalidJson {
            location: Location::file(path),
            detail: format!("file of {len} bytes exceeds the limit of {MAX_JSON_BYTES}"),
        });
    }
    let bytes = read_input(path, MAX_JSON_BYTES)?;
    parse(&bytes, &Location::file(path))
}

/// The size of a file from outside, which must be a regular file: a device (`/dev/zero`),
/// a pipe or a folder reports no size and would be read without end.
///
/// # Errors
/// [`Error::Io`] when it cannot be read, [`Error::UnsupportedFormat`] when it is not a
/// regular file.
pub fn input_len(path: &Path) -> Result<u64> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, "read", e))?;
    if !meta.is_file() {
        return Err(Error::UnsupportedFormat {
            location: Location::file(path),
            detail: "not a regular file (a folder, device or pipe)".into(),
        });
    }
    Ok(meta.len())
}

/// Read a regular file of at most `limit` bytes (a file that grows while it is read stops
/// at the limit and is refused).
///
/// # Errors
/// As [`input_len`]; [`Error::LimitExceeded`] past the limit.
pub(crate) fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read as _;
    input_len(path)?;
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
    let mut bytes = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, "read", e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::LimitExceeded {
            location: Location::file(path),
            what: "file size (bytes)".into(),
            found: "too much".into(),
            limit: limit.to_string(),
        });
    }
    Ok(bytes)
}

/// Where a save to `path` writes: through a symbolic link to the file it names (replacing the
/// link by a copy would leave the real project unchanged), and never over anything but a
/// regular file.
///
/// # Errors
/// [`Error::UnsupportedFormat`] when the target exists and is not a regular file.
pub(crate) fn resolve_target(path: &Path) -> Result<std::path::PathBuf> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(t) => t,
            // A link to a file not yet made: where it points.
            Err(_) => std::fs::read_link(path)
                .map(|l| parent_dir(path).join(l))
                .map_err(|e| Error::io(path, "read the link", e))?,
        },
        _ => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(m) if !m.is_file() => Err(Error::UnsupportedFormat {
            location: Location::file(path),
            detail: "not a regular file (a folder, device or pipe): nothing was written".into(),
        }),
        _ => Ok(target),
    }
}

/// The project as pretty, deterministic JSON.
pub fn to_string(project: &Project) -> String {
    // Serialization of plain data with string keys cannot fail.
    let mut s = serde_json::to_string_pretty(project).expect("project serializes");
    s.push('\n');
    s
}

/// Write bytes to `path` atomically ([`replace_atomically`]).
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    replace_atomically(path, "", |tmp, path| {
        tmp.write_all(bytes)
            .map_err(|e| Error::io(path, "write", e))
    })
}

/// Replace the file `path` names (through links: `resolve_target`) atomically, the one way
/// every save here ends: `fill` writes the new contents into a temporary file in the same
/// directory (named so that leftovers of an interrupted save are recognised and removed,
/// `store::update::temporary_prefix`, and ending in `suffix`); it gets the target's
/// permissions, is synced, renamed over the target, and the rename is made durable. An error
/// or an interruption anywhere leaves the target as it was.
///
/// # Errors
/// What `fill` returns; [`Error::Io`] naming the file when the temporary file cannot be made,
/// synced or renamed.
pub fn replace_atomically(
    path: &Path,
    suffix: &str,
    fill: impl FnOnce(&mut tempfile::NamedTempFile, &Path) -> Result<()>,
) -> Result<()> {
    let target = resolve_target(path)?;
    let path = target.as_path();
    let dir = parent_dir(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&crate::store::update::temporary_prefix(path))
        .rand_bytes(crate::store::update::TEMP_RANDOM_CHARS)
        .suffix(suffix)
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, "create a temporary file next to", e))?;
    fill(&mut tmp, path)?;
    keep_permissions(tmp.as_file(), path);
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(path, "write", e))?;
    tmp.persist(path)
        .map_err(|e| Error::io(path, "replace", e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Write a project as JSON, atomically.
///
/// # Errors
/// [`Error::InvalidModel`] when the project would not open again ([`admit`]);
/// [`Error::Io`] naming the file.
pub fn write(path: &Path, project: &Project) -> Result<()> {
    admit(path, project)?;
    write_atomic(path, to_string(project).as_bytes())
}

/// The check every save passes first: the same structural check as every open
/// ([`integrity::check`]), so that nothing is saved that cannot be opened again. The target
/// file is not touched when it fails.
///
/// # Errors
/// [`Error::InvalidModel`] naming the target file and each problem's model path.
pub fn admit(path: &Path, project: &Project) -> Result<()> {
    let problems = integrity::check(project, Catalogue::builtin());
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidModel {
            location: Location::file(path),
            problems,
        })
    }
}

/// Give the temporary file the target's permissions, or the usual 0644 for a new file
/// (temporary files are created 0600, which would hide a shared project from colleagues).
fn keep_permissions(tmp: &std::fs::File, target: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        let _ = tmp.set_permissions(std::fs::Permissions::from_mode(mode & 0o7777));
    }
    #[cfg(not(unix))]
    {
        let _ = (tmp, target);
    }
}

pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Make a rename durable (best effort: not every filesystem supports syncing a directory).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Location {
        Location {
            file: Some("p.json".into()),
            ..Default::default()
        }
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let e = parse(b"{\n  \"format_version\": 1,\n  oops\n}", &origin()).unwrap_err();
        assert_eq!(e.code().as_str(), "invalid_json");
        let l = e.location();
        assert_eq!(
            (l.file.as_deref(), l.row, l.column.as_deref()),
            (Some("p.json"), Some(3), Some("3"))
        );
        assert!(
            e.to_string()
                .starts_with("p.json, line 3, column 3: invalid project JSON"),
            "{e}"
        );
    }

    #[test]
    fn type_errors_name_the_json_path() {
        let p = Project::new("x");
        let mut v: Value = serde_json::from_str(&to_string(&p)).unwrap();
        v["businesses"] = serde_json::json!([{
            "id": "8a0b3c1e-0000-4000-8000-000000000001",
            "name": "成形",
            "scores": {"safety": 7}
        }]);
        let e = parse(v.to_string().as_bytes(), &origin()).unwrap_err();
        assert_eq!(
            e.location().path.as_deref(),
            Some("businesses[0].scores.safety")
        );
        assert!(
            e.to_string().contains("level must be 1, 2 or 3, found 7"),
            "{e}"
        );
    }

    #[test]
    fn newer_format_and_missing_format_are_refused() {
        let e = parse(br#"{"format_version": 99}"#, &origin()).unwrap_err();
        assert!(e.to_string().contains("format version 99 is newer"), "{e}");
        let e = parse(br#"{"name": "not ours"}"#, &origin()).unwrap_err();
        assert!(e.to_string().contains("missing format_version"), "{e}");
        let e = parse(b"[1,2]", &origin()).unwrap_err();
        assert!(e.to_string().contains("must be a JSON object"), "{e}");
    }

    #[test]
    fn huge_text_is_refused_with_its_path() {
        let mut p = Project::new("x");
        p.requirements.business_goals = "あ".repeat(MAX_TEXT_BYTES);
        let e = parse(to_string(&p).as_bytes(), &origin()).unwrap_err();
        assert_eq!(
            e.location().path.as_deref(),
            Some("requirements.business_goals")
        );
        assert!(e.to_string().contains("exceeds the limit"), "{e}");
    }

    #[test]
    fn unknown_fields_are_refused() {
        let p = Project::new("x");
        let mut v: Value = serde_json::from_str(&to_string(&p)).unwrap();
        v["meta"]["colour"] = "red".into();
        let e = parse(v.to_string().as_bytes(), &origin()).unwrap_err();
        assert_eq!(e.location().path.as_deref(), Some("meta.colour"));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        std::fs::write(&path, "old").unwrap();
        write(&path, &Project::new("新")).unwrap();
        assert_eq!(read(&path).unwrap().meta.name, "新");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "only the target remains: {names:?}");
    }
}

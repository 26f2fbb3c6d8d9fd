//! What the app was started with: the project file a file association (double-clicking an
//! `.otz`) or a command line passes. Plain logic over the argument list, with no `cfg`, so
//! that the Windows, macOS and Linux forms are all tested on any system:
//!
//! - Windows passes the path as the first argument (`"C:\工場\plant.otz"`, quotes removed by
//!   the system, sometimes still present when a registry entry quotes `%1` twice);
//! - Linux desktop entries pass a path (`%f`) or a `file://` URL (`%u`, percent-encoded);
//! - macOS may add a process serial number argument (`-psn_0_123456`) when launched from the
//!   Finder; the file itself arrives as an "opened" event with `file://` URLs, which `run`
//!   passes through this same function and sends to the window (not run on macOS here).
//!
//! Options (arguments starting with `-`) are skipped; the first remaining argument is the file.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The project file among the program's arguments (without the program's own name).
pub fn file_argument(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    file_argument_in(args, |p| p.exists())
}

/// As [`file_argument`], with `exists` telling which paths name a file: an argument that names
/// one is taken exactly as given (a name may end in a space); only one that does not is
/// trimmed of spaces and quotes. A `file://` URL must be local (`file:///…` or
/// `file://localhost/…`).
pub fn file_argument_in(
    args: impl IntoIterator<Item = OsString>,
    exists: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    args.into_iter().find_map(|a| {
        if !a.to_string_lossy().starts_with('-') && exists(Path::new(&a)) {
            // Exactly as given (and not lossy, for unusual file names).
            return Some(PathBuf::from(a));
        }
        let text = a.to_string_lossy();
        let t = text.trim().trim_matches('"');
        if t.is_empty() || t.starts_with('-') {
            return None;
        }
        if let Some(rest) = t.strip_prefix("file://") {
            // file:///home/u/plant.otz or file://localhost/home/u/plant.otz; another host's
            // file is not this machine's.
            let path = rest.strip_prefix("localhost").unwrap_or(rest);
            return path
                .starts_with('/')
                .then(|| PathBuf::from(percent_decode(path)));
        }
        if t.len() == text.len() {
            // Unchanged: keep the original OS string (not lossy).
            return Some(PathBuf::from(a));
        }
        Some(PathBuf::from(t))
    })
}

/// `%XX` escapes of a URL path decoded as UTF-8 bytes (invalid escapes kept as written).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn a_double_clicked_project_is_found_in_each_systems_form() {
        // Windows: the path, possibly still quoted.
        assert_eq!(
            file_argument(args(&[r"C:\工場\plant.otz"])),
            Some(PathBuf::from(r"C:\工場\plant.otz"))
        );
        assert_eq!(
            file_argument(args(&[r#""C:\Users\sato\My Plant.otz""#])),
            Some(PathBuf::from(r"C:\Users\sato\My Plant.otz"))
        );
        // Linux desktop entry, %f and %u.
        assert_eq!(
            file_argument(args(&["/home/sato/plant.otz"])),
            Some(PathBuf::from("/home/sato/plant.otz"))
        );
        assert_eq!(
            file_argument(args(&["file:///home/sato/%E5%B7%A5%E5%A0%B4%20A.otz"])),
            Some(PathBuf::from("/home/sato/工場 A.otz"))
        );
        // macOS Finder launch: the process serial number is not a file.
        assert_eq!(file_argument(args(&["-psn_0_123456"])), None);
        assert_eq!(
            file_argument(args(&["-psn_0_1", "/Users/sato/plant.otz"])),
            Some(PathBuf::from("/Users/sato/plant.otz"))
        );
        // Another host's file is not opened as a local relative path.
        assert_eq!(file_argument(args(&["file://remotehost/x.otz"])), None);
        assert_eq!(
            file_argument(args(&["file://localhost/home/sato/p.otz"])),
            Some(PathBuf::from("/home/sato/p.otz"))
        );
        // Nothing given.
        assert_eq!(file_argument(args(&[])), None);
        assert_eq!(file_argument(args(&[""])), None);
    }

    /// A file whose name ends in a space is opened as named, not as its trimmed neighbour;
    /// only a name that exists nowhere is trimmed.
    #[test]
    fn an_existing_name_is_taken_exactly_as_given() {
        let existing = |p: &Path| p == Path::new("/data/plant.otz ");
        assert_eq!(
            file_argument_in(args(&["/data/plant.otz "]), existing),
            Some(PathBuf::from("/data/plant.otz "))
        );
        assert_eq!(
            file_argument_in(args(&[" /data/other.otz "]), existing),
            Some(PathBuf::from("/data/other.otz"))
        );
    }
}

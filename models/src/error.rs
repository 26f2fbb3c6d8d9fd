//! Errors with stable codes and the place they concern.
//!
//! Every error about user input says *where*: the file, and inside it the sheet, row and
//! column (1-based, as spreadsheet programs show them), the JSON path, or the table and row
//! id of a project file. The desktop app picks its ja/en text by [`ErrorCode`] and never by
//! matching on the English message.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// Where an error or problem is, as precisely as it is known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Location {
    /// The file concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub file: Option<String>,
    /// Worksheet name (Excel input).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sheet: Option<String>,
    /// 1-based row (Excel) or line (text).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub row: Option<u64>,
    /// Column: a spreadsheet letter (`C`) or a 1-based text column.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub column: Option<String>,
    /// Field path inside the model, e.g. `assets[3].zone` or `asset 5f0c….zone`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub path: Option<String>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: &Path) -> Self {
        Self {
            file: Some(path.display().to_string()),
            ..Self::default()
        }
    }
    /// A location naming only a model path.
    pub fn path(path: impl Into<String>) -> Self {
        Self {
            path: Some(path.into()),
            ..Self::default()
        }
    }
    /// This location with the file set (kept if already known).
    pub fn in_file(mut self, path: &Path) -> Self {
        if self.file.is_none() {
            self.file = Some(path.display().to_string());
        }
        self
    }
    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.clone());
        }
        if let Some(sheet) = &self.sheet {
            parts.push(format!("sheet '{sheet}'"));
        }
        if let Some(row) = self.row {
            parts.push(if self.sheet.is_some() {
                format!("row {row}")
            } else {
                format!("line {row}")
            });
        }
        if let Some(col) = &self.column {
            parts.push(format!("column {col}"));
        }
        if let Some(path) = &self.path {
            parts.push(path.clone());
        }
        if parts.is_empty() {
            f.write_str("(unknown location)")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Stable codes the UI and scripts can rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Reading or writing the file failed at the OS level.
    Io,
    /// The file is not an OT Zone Studio project (not SQLite, or another application's).
    NotAProject,
    /// The project file was written by a newer program.
    NewerSchema,
    /// The project file is SQLite and ours, but its content is damaged.
    CorruptProject,
    /// JSON that does not parse or does not fit the model.
    InvalidJson,
    /// The model's references or limits are broken (dangling ids, duplicates, huge text).
    InvalidModel,
    /// The file type cannot be used for this operation.
    UnsupportedFormat,
    /// A spreadsheet could not be read or does not have the expected shape.
    InvalidWorkbook,
    /// An export could not be written.
    Export,
    /// A file from outside is larger or more complex than a limit allows.
    LimitExceeded,
    /// The project file changed on disk since it was opened, or another program is saving it.
    Conflict,
    /// A ledger column was mapped to a field that does not exist.
    InvalidMapping,
}

impl ErrorCode {
    /// The wire name, e.g. `not_a_project`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Io => "io",
            Self::NotAProject => "not_a_project",
            Self::NewerSchema => "newer_schema",
            Self::CorruptProject => "corrupt_project",
            Self::InvalidJson => "invalid_json",
            Self::InvalidModel => "invalid_model",
            Self::UnsupportedFormat => "unsupported_format",
            Self::InvalidWorkbook => "invalid_workbook",
            Self::Export => "export",
            Self::LimitExceeded => "limit_exceeded",
            Self::Conflict => "conflict",
            Self::InvalidMapping => "invalid_mapping",
        }
    }
}

/// One located problem; validation and imports return all of them, not the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    /// Stable machine code, e.g. `dangling_reference`.
    pub code: String,
    /// Where it is.
    pub location: Location,
    /// English description with the offending value.
    pub message: String,
}

impl Problem {
    /// A problem at a model path.
    pub fn at(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            location: Location::path(path),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.location, self.message, self.code)
    }
}

fn summarize(problems: &[Problem]) -> String {
    const SHOWN: usize = 5;
    let mut s: Vec<String> = problems.iter().take(SHOWN).map(|p| p.to_string()).collect();
    if problems.len() > SHOWN {
        s.push(format!("… and {} more", problems.len() - SHOWN));
    }
    s.join("; ")
}

/// The location field of any error variant (every variant has one), by reference or by
/// mutable reference as `e` is.
macro_rules! location_of {
    ($e:expr) => {
        match $e {
            Error::Io { location, .. }
            | Error::NotAProject { location, .. }
            | Error::NewerSchema { location, .. }
            | Error::CorruptProject { location, .. }
            | Error::InvalidJson { location, .. }
            | Error::InvalidModel { location, .. }
            | Error::UnsupportedFormat { location, .. }
            | Error::InvalidWorkbook { location, .. }
            | Error::LimitExceeded { location, .. }
            | Error::Conflict { location, .. }
            | Error::InvalidMapping { location, .. }
            | Error::Export { location, .. } => location,
        }
    };
}

/// The crate's error type.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// OS-level read/write failure.
    #[error("{location}: cannot {action}: {source}")]
    Io {
        /// The file.
        location: Location,
        /// What was attempted ("read", "write", "replace").
        action: &'static str,
        /// The OS error.
        source: std::io::Error,
    },
    /// Not a project file of ours.
    #[error("{location}: not an OT Zone Studio project file: {detail}")]
    NotAProject {
        /// The file.
        location: Location,
        /// Why it was rejected.
        detail: String,
    },
    /// Written by a newer program; refused rather than misread.
    #[error(
        "{location}: project schema version {found} is newer than this program supports \
         (up to {supported}); open it with a newer OT Zone Studio"
    )]
    NewerSchema {
        /// The file.
        location: Location,
        /// The file's schema version.
        found: i64,
        /// The newest version this build reads.
        supported: i64,
    },
    /// A project file whose content is damaged.
    #[error("{location}: project file is damaged: {detail}")]
    CorruptProject {
        /// The file and table/row.
        location: Location,
        /// What is wrong.
        detail: String,
    },
    /// JSON that does not parse or does not fit the model.
    #[error("{location}: invalid project JSON: {detail}")]
    InvalidJson {
        /// The file, line/column or JSON path.
        location: Location,
        /// The parser's message.
        detail: String,
    },
    /// The model breaks its invariants (all problems listed).
    #[error("{location}: the project is inconsistent ({count} problem(s)): {summary}", count = problems.len(), summary = summarize(problems))]
    InvalidModel {
        /// The file.
        location: Location,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// File type not usable here.
    #[error("{location}: unsupported file type: {detail}")]
    UnsupportedFormat {
        /// The file.
        location: Location,
        /// What was expected.
        detail: String,
    },
    /// A spreadsheet that cannot be read or has the wrong shape.
    #[error("{location}: {detail}")]
    InvalidWorkbook {
        /// File, sheet, row, column.
        location: Location,
        /// What is wrong.
        detail: String,
    },
    /// A file from outside breaks a limit (size, used range, merged area, time); refused
    /// before the expensive step.
    #[error("{location}: {what}: {found}; the limit is {limit}")]
    LimitExceeded {
        /// The file and the sheet, part or cell.
        location: Location,
        /// What was measured.
        what: String,
        /// What the file has.
        found: String,
        /// The limit.
        limit: String,
    },
    /// The project file changed on disk since it was opened (another program saved it), or
    /// another program holds its lock; nothing was written.
    #[error("{location}: {detail}")]
    Conflict {
        /// The project file.
        location: Location,
        /// What happened and what to do.
        detail: String,
    },
    /// A ledger column mapped to a field that does not exist (`--map 機器名=colour`).
    #[error("{location}: column {column}: unknown field {field:?}")]
    InvalidMapping {
        /// The ledger, when known.
        location: Location,
        /// The column as given (header text or letter).
        column: String,
        /// The field as given.
        field: String,
    },
    /// Writing an export failed.
    #[error("{location}: export failed: {detail}")]
    Export {
        /// The output file.
        location: Location,
        /// Why.
        detail: String,
    },
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Io { .. } => ErrorCode::Io,
            Self::NotAProject { .. } => ErrorCode::NotAProject,
            Self::NewerSchema { .. } => ErrorCode::NewerSchema,
            Self::CorruptProject { .. } => ErrorCode::CorruptProject,
            Self::InvalidJson { .. } => ErrorCode::InvalidJson,
            Self::InvalidModel { .. } => ErrorCode::InvalidModel,
            Self::UnsupportedFormat { .. } => ErrorCode::UnsupportedFormat,
            Self::InvalidWorkbook { .. } => ErrorCode::InvalidWorkbook,
            Self::Export { .. } => ErrorCode::Export,
            Self::LimitExceeded { .. } => ErrorCode::LimitExceeded,
            Self::Conflict { .. } => ErrorCode::Conflict,
            Self::InvalidMapping { .. } => ErrorCode::InvalidMapping,
        }
    }
    /// Where the error is.
    pub fn location(&self) -> &Location {
        location_of!(self)
    }
    /// Attach the file to the location if it is not known yet.
    pub fn in_file(mut self, path: &Path) -> Self {
        let location = self.location_mut();
        *location = std::mem::take(location).in_file(path);
        self
    }
    fn location_mut(&mut self) -> &mut Location {
        location_of!(self)
    }
    /// An I/O error on a file.
    pub fn io(path: &Path, action: &'static str, source: std::io::Error) -> Self {
        Self::Io {
            location: Location::file(path),
            action,
            source,
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_display_names_every_known_part() {
        let loc = Location {
            file: Some("ledger.xlsx".into()),
            sheet: Some("台帳".into()),
            row: Some(5),
            column: Some("C".into()),
            path: None,
        };
        assert_eq!(
            loc.to_string(),
            "ledger.xlsx, sheet '台帳', row 5, column C"
        );
        assert_eq!(Location::default().to_string(), "(unknown location)");
        let text = Location {
            file: Some("a.json".into()),
            row: Some(3),
            ..Default::default()
        };
        assert_eq!(text.to_string(), "a.json, line 3");
    }

    #[test]
    fn newer_schema_message_says_what_to_do() {
        let e = Error::NewerSchema {
            location: Location::path("p.otz"),
            found: 9,
            supported: 2,
        };
        assert_eq!(
            e.to_string(),
            "p.otz: project schema version 9 is newer than this program supports (up to 2); \
             open it with a newer OT Zone Studio"
        );
        assert_eq!(e.code().as_str(), "newer_schema");
    }

    #[test]
    fn invalid_model_lists_first_problems_and_count() {
        let problems: Vec<Problem> = (0..7)
            .map(|i| Problem::at("dangling_reference", format!("assets[{i}].zone"), "missing"))
            .collect();
        let e = Error::InvalidModel {
            location: Location::default(),
            problems,
        };
        let s = e.to_string();
        assert!(s.contains("7 problem(s)"), "{s}");
        assert!(
            s.contains("assets[0].zone: missing [dangling_reference]"),
            "{s}"
        );
        assert!(s.ends_with("… and 2 more"), "{s}");
    }
}

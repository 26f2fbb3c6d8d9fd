//! The error every command returns: a stable code, a message in the user's language and
//! where the problem is (file, sheet, row, column, model path).

use otzone_models::{Error, Location, Problem};
use serde::Serialize;

/// A command error as the UI receives it.
#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[error("{message}")]
pub struct CommandError {
    /// Stable code (`invalid_model`, `io`, … or `no_file`, `stale`).
    pub code: String,
    /// One-line message.
    pub message: String,
    /// Where, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub location: Option<Location>,
    /// Every problem, for errors that collect several.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<_>", optional))]
    pub problems: Vec<Problem>,
}

impl CommandError {
    /// An error of the shell itself (not of the core).
    pub fn shell(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            location: None,
            problems: Vec::new(),
        }
    }
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        let problems = match &e {
            Error::InvalidModel { problems, .. } => problems.clone(),
            _ => Vec::new(),
        };
        let location = e.location();
        Self {
            code: e.code().as_str().to_owned(),
            message: e.to_string(),
            location: (!location.is_empty()).then(|| location.clone()),
            problems,
        }
    }
}

/// Result of a command.
pub type CmdResult<T> = std::result::Result<T, CommandError>;

//! Integration tests of the core crate, one binary (compiles once):
//! - `store`: project files — migration from schema v1, atomicity, every bad-file case;

mod fuzz_regressions;
mod hostile;
mod pasted_rows;
mod store;
mod untrusted_projects;
mod untrusted_workbooks;
#[path = "../support/workbook_parts.rs"]
mod workbook_parts;

use std::path::PathBuf;

/// The repository's `samples/` directory.
pub fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

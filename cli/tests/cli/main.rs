//! Tests of the `otzone` command, one binary (compiles once):
//! - `commands`: each subcommand's output, exit codes and located error output;
//! - `concurrency`: two programs changing one project, saves killed at random points;
//! - `bombs`: hostile workbooks refused in bounded time and memory.

mod bombs;
mod commands;
mod concurrency;
#[path = "../../../models/tests/support/workbook_parts.rs"]
mod workbook_parts;

use std::path::PathBuf;

/// The repository's `samples/` directory.
pub fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

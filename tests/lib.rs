//! Shared helpers for the cross-crate tests: where the samples are, and loading them.

use otzone_models::model::Project;
use std::path::PathBuf;

/// The repository's `samples/` directory.
pub fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

/// Every sample project JSON, sorted by name (add a sample, get its tests).
pub fn sample_paths() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(samples_dir())
        .expect("samples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

/// Load a sample by file stem (`food-plant`).
pub fn sample(name: &str) -> Project {
    otzone_models::json::read(&samples_dir().join(format!("{name}.json"))).expect("sample loads")
}

//! Native open/save dialogs, run from the Rust side so that the web view never names a path.
//!
//! Builds with the `e2e-hooks` feature (the end-to-end test's build only) honour
//! `OTZONE_STUDIO_DIALOG_SCRIPT`: a text file whose first line answers the next dialog (an
//! empty line cancels), because WebDriver cannot reach native GTK dialogs. The app a user runs
//! is built without the feature and always shows the real dialog.

use std::path::PathBuf;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// What a dialog asks for.
#[derive(Debug, Clone, Copy)]
pub enum Ask {
    /// Open a project (`.otz`, `.json`).
    OpenProject,
    /// Save a project.
    SaveProject,
    /// Save the evidence workbook.
    SaveWorkbook,
    /// Open a customer's asset ledger.
    OpenLedger,
    /// Open a returned workbook.
    OpenResponses,
    /// Save a diagram image (`png` or `svg`).
    SaveImage(&'static str),
}

fn scripted() -> Option<Option<PathBuf>> {
    if !cfg!(feature = "e2e-hooks") {
        return None;
    }
    let script = std::env::var_os("OTZONE_STUDIO_DIALOG_SCRIPT")?;
    let text = std::fs::read_to_string(&script).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?.trim().to_owned();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&script, rest.join("\n"));
    Some((!first.is_empty()).then(|| PathBuf::from(first)))
}

/// Ask the user for a file; `None` when cancelled.
pub fn ask<R: Runtime>(app: &AppHandle<R>, ask: Ask, suggested: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted() {
        return answer;
    }
    let d = app.dialog().file();
    let d = match ask {
        Ask::OpenProject => d.add_filter("OT Zone Studio", &["otz", "json"]),
        Ask::SaveProject => d
            .add_filter("OT Zone Studio", &["otz"])
            .add_filter("JSON", &["json"])
            .set_file_name(suggested),
        Ask::SaveWorkbook => d.add_filter("Excel", &["xlsx"]).set_file_name(suggested),
        Ask::OpenLedger => d.add_filter("Spreadsheet", &["xlsx", "xlsm", "xls", "ods", "csv"]),
        Ask::OpenResponses => d.add_filter("Excel", &["xlsx", "xlsm"]),
        Ask::SaveImage(ext) => d.add_filter(ext, &[ext]).set_file_name(suggested),
    };
    let picked = match ask {
        Ask::OpenProject | Ask::OpenLedger | Ask::OpenResponses => d.blocking_pick_file(),
        _ => d.blocking_save_file(),
    };
    picked.and_then(|p| p.into_path().ok())
}

// The app's own commands are declared here so that capabilities/default.json can grant
// exactly these and nothing else.
const COMMANDS: &[&str] = &[
    "app_info",
    "new_project",
    "open_project",
    "open_recent",
    "save_project",
    "analyze",
    "explain",
    "what_if",
    "record_revision",
    "compare_revision",
    "baseline",
    "export_workbook",
    "pick_ledger",
    "ledger_preview",
    "ledger_apply",
    "paste_preview",
    "paste_apply",
    "pick_responses",
    "responses_preview",
    "responses_apply",
    "autosave",
    "recovery_clear",
    "save_image",
    "set_title",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}

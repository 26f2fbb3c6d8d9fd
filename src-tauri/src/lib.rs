//! OT Zone Studio desktop shell: thin Tauri 2 commands over `otzone-models`.
//!
//! The web view owns the open document (undo/redo, edits); these commands parse it exactly
//! like a project file, run the engine, and do the file work behind native dialogs. Paths
//! never come from the web view unless the user chose them earlier (see [`files::Chosen`]).

mod commands;
pub mod core;
pub mod dialogs;
pub mod error;
pub mod files;
pub mod launch;
pub mod sync;

use crate::commands::{cmd, Answer, Request};
use crate::core::LedgerRequest;
use crate::dialogs::Ask;
use crate::error::{CmdResult, CommandError};
use crate::files::{Chosen, RecentFiles, Recovery, RecoveryStore};
use otzone_models::model::{Countermeasure, Project};
use otzone_models::risk::Analysis;
use otzone_models::store::update::Fingerprint;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, Manager, State};

/// The last analysis: (revision, the project's countermeasures, analysis). Not the project:
/// the document held for the next edit must be the only holder of it, or every edit would
/// copy the whole factory before changing it.
type Cached = Option<(u64, Arc<[Countermeasure]>, Arc<Analysis>)>;

/// Shell state.
pub struct Session {
    /// Last analysed revision, for explanations.
    cache: Mutex<Cached>,
    /// The window's document held between edits, and the analysis it has.
    sync: Mutex<sync::OpenDocument>,
    /// Files the user chose.
    chosen: Mutex<Chosen>,
    /// The ledger chosen for import.
    ledger: Mutex<Option<PathBuf>>,
    /// The returned workbook chosen for import.
    responses: Mutex<Option<PathBuf>>,
    recovery: RecoveryStore,
    recent: RecentFiles,
    initial: Option<PathBuf>,
    /// Per open project file, the version on disk the window's project came from: a save
    /// over a file another program changed since is refused (see `store::update`).
    opened: Mutex<HashMap<PathBuf, Fingerprint>>,
}

impl Session {
    fn new(data_dir: &Path, initial: Option<PathBuf>) -> Self {
        let recent = RecentFiles::new(data_dir);
        let mut chosen = Chosen::default();
        for p in recent.list() {
            chosen.allow(Path::new(&p));
        }
        if let Some(p) = &initial {
            chosen.allow(p);
        }
        Self {
            cache: Mutex::new(None),
            sync: Mutex::new(sync::OpenDocument::default()),
            chosen: Mutex::new(chosen),
            ledger: Mutex::new(None),
            responses: Mutex::new(None),
            recovery: RecoveryStore::new(data_dir),
            recent,
            initial,
            opened: Mutex::new(HashMap::new()),
        }
    }

    /// Open a project file, remembering the version read.
    fn open(&self, path: &Path) -> CmdResult<Project> {
        let (project, fingerprint) = core::open_for_update(path)?;
        self.opened
            .lock()
            .map_err(lock_err)?
            .insert(path.to_path_buf(), fingerprint);
        Ok(project)
    }

    /// A project for the window, held here so that its first analysis needs no upload.
    fn opened(&self, project: Project, path: Option<&Path>) -> CmdResult<Opened> {
        let json = to_json(&project);
        let doc = self.sync.lock().map_err(lock_err)?.hold(Arc::new(project));
        Ok(Opened {
            project: json,
            doc,
            path: path.map(|p| p.display().to_string()),
            recent: path.map(|p| self.remember(p)).unwrap_or_default(),
        })
    }

    fn remember(&self, path: &Path) -> Vec<String> {
        self.chosen.lock().expect("chosen").allow(path);
        self.recent
            .push(path)
            .unwrap_or_else(|_| self.recent.list())
    }
}

fn lock_err<T>(_: T) -> CommandError {
    CommandError::shell("internal", "state lock poisoned")
}

/// A project as the web view receives it.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Opened {
    /// The project.
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: serde_json::Value,
    /// The id under which it is held for the window's changes (see [`sync`]).
    pub doc: u64,
    /// Its file, if any.
    pub path: Option<String>,
    /// Recent files after opening.
    pub recent: Vec<String>,
}

fn to_json(p: &Project) -> serde_json::Value {
    serde_json::to_value(p).unwrap_or(serde_json::Value::Null)
}

/// What the web view needs at start.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AppInfo {
    version: &'static str,
    samples: Vec<&'static str>,
    recent: Vec<String>,
    initial: Option<Opened>,
    initial_error: Option<CommandError>,
    recoveries: Vec<Recovery>,
    recovery_errors: Vec<CommandError>,
    catalogue: core::CatalogueView,
    /// The fields a ledger column can be mapped to (for the mapping drop-downs).
    ledger_fields: Vec<otzone_models::excel::ledger::Field>,
    /// Every analysis request also carries the whole document, checked against the one held
    /// (builds with debug assertions, as the end-to-end test's).
    check_sync: bool,
}

#[tauri::command]
async fn app_info(app: AppHandle) -> Answer<cmd::app_info> {
    let session = app.state::<Session>();
    let (initial, initial_error) = match &session.initial {
        Some(p) => match session
            .open(p)
            .and_then(|project| session.opened(project, Some(p)))
        {
            Ok(opened) => (Some(opened), None),
            Err(e) => (None, Some(e)),
        },
        None => (None, None),
    };
    let (recoveries, recovery_errors) = session.recovery.read_all();
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        samples: core::SAMPLES.iter().map(|(k, _)| *k).collect(),
        recent: session.recent.list(),
        initial,
        initial_error,
        recoveries,
        recovery_errors,
        catalogue: core::catalogue_view(),
        ledger_fields: otzone_models::excel::ledger::Field::all().collect(),
        check_sync: cfg!(debug_assertions),
    }
}

#[tauri::command]
fn new_project(
    session: State<'_, Session>,
    request: Request<cmd::new_project>,
) -> CmdResult<Answer<cmd::new_project>> {
    let lang = request.lang;
    let project = match request.sample {
        Some(key) => core::sample(&key)?,
        None => core::empty_project(lang),
    };
    session.opened(project, None)
}

#[tauri::command]
async fn open_project(app: AppHandle) -> CmdResult<Answer<cmd::open_project>> {
    let Some(path) = dialogs::ask(&app, Ask::OpenProject, "") else {
        return Ok(None);
    };
    let session = app.state::<Session>();
    let project = session.open(&path)?;
    Ok(Some(session.opened(project, Some(&path))?))
}

#[tauri::command]
async fn open_recent(
    session: State<'_, Session>,
    request: Request<cmd::open_recent>,
) -> CmdResult<Answer<cmd::open_recent>> {
    let path = session.chosen.lock().map_err(lock_err)?.check(&request)?;
    let project = session.open(&path)?;
    session.opened(project, Some(&path))
}

/// Where a project was saved.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Saved {
    path: String,
    recent: Vec<String>,
}

/// Save the window's project. Saving to the file it came from is refused with the code
/// `conflict` when another program changed that file since (unless `overwrite`, the user's
/// answer to that); "save as" writes where the user chose in the dialog.
#[tauri::command]
async fn save_project(
    app: AppHandle,
    window: tauri::Window,
    request: Request<cmd::save_project>,
) -> CmdResult<Answer<cmd::save_project>> {
    let commands::SaveProjectRequest {
        project,
        path,
        save_as,
        overwrite,
    } = request;
    let parsed = core::parse_project(&project)?;
    let session = app.state::<Session>();
    let (target, same_file) = match path.filter(|_| !save_as) {
        Some(p) => (session.chosen.lock().map_err(lock_err)?.check(&p)?, true),
        None => {
            let name = format!("{}.otz", safe_file_name(&parsed.meta.name));
            match dialogs::ask(&app, Ask::SaveProject, &name) {
                Some(p) => (p, false),
                None => return Ok(None),
            }
        }
    };
    let expected = if same_file && !overwrite.unwrap_or(false) {
        session
            .opened
            .lock()
            .map_err(lock_err)?
            .get(&target)
            .cloned()
    } else {
        None
    };
    let fingerprint = core::save_checked(&target, &parsed, expected.as_ref())?;
    session
        .opened
        .lock()
        .map_err(lock_err)?
        .insert(target.clone(), fingerprint);
    session
        .recovery
        .clear(&files::recovery_key(window.label(), &project))?;
    Ok(Some(Saved {
        path: target.display().to_string(),
        recent: session.remember(&target),
    }))
}

fn safe_file_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    if s.trim().is_empty() {
        "project".into()
    } else {
        s.trim().to_owned()
    }
}

/// The changes that remove items from the window's document, with what referred to them.
#[tauri::command]
async fn remove_items(
    session: State<'_, Session>,
    request: Request<cmd::remove_items>,
) -> CmdResult<Answer<cmd::remove_items>> {
    sync::remove_items(&session.sync, request)
}

#[tauri::command]
async fn analyze(
    session: State<'_, Session>,
    request: Request<cmd::analyze>,
) -> CmdResult<tauri::ipc::Response> {
    // The answer is `Answer<cmd::analyze>` as JSON, written by `sync::analyze`.
    let revision = request.revision;
    // An engine panic becomes an error the window shows (a command that never answers would
    // stop every later analysis); the explanations keep the analysis on screen meanwhile.
    let (json, project, analysis) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        sync::analyze(&session.sync, request)
    }))
    .map_err(|_| {
        CommandError::shell("internal", "the analysis failed; send the whole document")
    })??;
    let measures = Arc::from(project.countermeasures.as_slice());
    drop(project);
    let old = session
        .cache
        .lock()
        .map_err(lock_err)?
        .replace((revision, measures, analysis));
    sync::drop_later(old);
    Ok(tauri::ipc::Response::new(json))
}

#[tauri::command]
async fn explain(
    session: State<'_, Session>,
    request: Request<cmd::explain>,
) -> CmdResult<Answer<cmd::explain>> {
    let cache = session.cache.lock().map_err(lock_err)?;
    match cache.as_ref() {
        Some((rev, measures, analysis)) if *rev == request.revision => Ok(core::explain(
            measures,
            analysis,
            &request.risk_id,
            request.lang,
        )),
        _ => Err(CommandError::shell(
            "stale",
            "the analysis changed; try again",
        )),
    }
}

#[tauri::command]
async fn what_if(request: Request<cmd::what_if>) -> CmdResult<Answer<cmd::what_if>> {
    let parsed = core::parse_project(&request.project)?;
    Ok(core::what_if(&parsed, &request.change))
}

#[tauri::command]
async fn record_revision(
    request: Request<cmd::record_revision>,
) -> CmdResult<Answer<cmd::record_revision>> {
    let parsed = core::parse_project(&request.project)?;
    core::record_revision(&parsed, request.revision, core::today())
}

#[tauri::command]
async fn compare_revision(
    request: Request<cmd::compare_revision>,
) -> CmdResult<Answer<cmd::compare_revision>> {
    let parsed = core::parse_project(&request.project)?;
    core::compare_revision(&parsed, request.index, request.lang)
}

#[derive(serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Baseline {
    hash: String,
    changed: bool,
}

#[tauri::command]
async fn baseline(request: Request<cmd::baseline>) -> CmdResult<Answer<cmd::baseline>> {
    let parsed = core::parse_project(&request.project)?;
    let (hash, changed) = core::baseline(&parsed);
    Ok(Baseline { hash, changed })
}

#[tauri::command]
async fn export_workbook(
    app: AppHandle,
    request: Request<cmd::export_workbook>,
) -> CmdResult<Answer<cmd::export_workbook>> {
    let lang = request.lang;
    let parsed = core::parse_project(&request.project)?;
    let name = format!("{}.xlsx", safe_file_name(&parsed.meta.name));
    let Some(path) = dialogs::ask(&app, Ask::SaveWorkbook, &name) else {
        return Ok(None);
    };
    let _ = app.emit("export-progress", "analyse");
    let analysis = core::analyse(&parsed);
    let _ = app.emit("export-progress", "write");
    let report = core::export(&path, &parsed, &analysis, lang, core::today())?;
    let _ = app.emit("export-progress", "done");
    Ok(Some(report))
}

#[tauri::command]
async fn pick_ledger(app: AppHandle) -> Answer<cmd::pick_ledger> {
    let path = dialogs::ask(&app, Ask::OpenLedger, "")?;
    let name = path.display().to_string();
    *app.state::<Session>().ledger.lock().ok()? = Some(path);
    Some(name)
}

fn chosen_file(slot: &Mutex<Option<PathBuf>>) -> CmdResult<PathBuf> {
    slot.lock()
        .map_err(lock_err)?
        .clone()
        .ok_or_else(|| CommandError::shell("no_file", "choose a file first"))
}

#[tauri::command]
async fn ledger_preview(
    app: AppHandle,
    request: Request<cmd::ledger_preview>,
) -> CmdResult<Answer<cmd::ledger_preview>> {
    let parsed = core::parse_project(&request.project)?;
    let path = chosen_file(&app.state::<Session>().ledger)?;
    core::ledger_preview(&parsed, &path, &request.ledger)
}

/// A project changed by an import.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Imported {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    project: serde_json::Value,
    added: usize,
    updated: usize,
}

#[tauri::command]
async fn ledger_apply(
    app: AppHandle,
    request: Request<cmd::ledger_apply>,
) -> CmdResult<Answer<cmd::ledger_apply>> {
    let parsed = core::parse_project(&request.project)?;
    let path = chosen_file(&app.state::<Session>().ledger)?;
    let (p, added, updated) =
        core::ledger_apply(&parsed, &path, &request.ledger, request.skip_error_rows)?;
    Ok(Imported {
        project: to_json(&p),
        added,
        updated,
    })
}

#[tauri::command]
async fn paste_preview(
    request: Request<cmd::paste_preview>,
) -> CmdResult<Answer<cmd::paste_preview>> {
    let parsed = core::parse_project(&request.project)?;
    core::paste_preview(&parsed, &request.rows, &LedgerRequest::default())
}

#[tauri::command]
async fn paste_apply(request: Request<cmd::paste_apply>) -> CmdResult<Answer<cmd::paste_apply>> {
    let parsed = core::parse_project(&request.project)?;
    let (p, added, updated) = core::paste_apply(
        &parsed,
        &request.rows,
        &LedgerRequest::default(),
        request.skip_error_rows,
    )?;
    Ok(Imported {
        project: to_json(&p),
        added,
        updated,
    })
}

#[tauri::command]
async fn pick_responses(app: AppHandle) -> Answer<cmd::pick_responses> {
    let path = dialogs::ask(&app, Ask::OpenResponses, "")?;
    let name = path.display().to_string();
    *app.state::<Session>().responses.lock().ok()? = Some(path);
    Some(name)
}

#[tauri::command]
async fn responses_preview(
    app: AppHandle,
    request: Request<cmd::responses_preview>,
) -> CmdResult<Answer<cmd::responses_preview>> {
    let parsed = core::parse_project(&request.project)?;
    let path = chosen_file(&app.state::<Session>().responses)?;
    core::responses_preview(&parsed, &path)
}

#[tauri::command]
async fn responses_apply(
    app: AppHandle,
    request: Request<cmd::responses_apply>,
) -> CmdResult<Answer<cmd::responses_apply>> {
    let parsed = core::parse_project(&request.project)?;
    let path = chosen_file(&app.state::<Session>().responses)?;
    let (p, changed) = core::responses_apply(&parsed, &path)?;
    Ok(Imported {
        project: to_json(&p),
        added: 0,
        updated: changed,
    })
}

/// Keep the crash-recovery copy of the window's project (written off the main thread: it
/// syncs the file to disk).
#[tauri::command]
async fn autosave(
    session: State<'_, Session>,
    window: tauri::Window,
    request: Request<cmd::autosave>,
) -> CmdResult<Answer<cmd::autosave>> {
    let commands::AutosaveRequest {
        project,
        path,
        keep,
    } = request;
    let mut key = files::recovery_key(window.label(), &project);
    if let Some(k) = keep {
        key = format!("{key}-{k}");
    }
    session.recovery.write(&key, path, project)
}

/// Forget one recovery copy (the user declined it).
#[tauri::command]
async fn recovery_clear(
    session: State<'_, Session>,
    request: Request<cmd::recovery_clear>,
) -> CmdResult<Answer<cmd::recovery_clear>> {
    session.recovery.clear(&request)
}

#[tauri::command]
async fn save_image(
    app: AppHandle,
    request: Request<cmd::save_image>,
) -> CmdResult<Answer<cmd::save_image>> {
    let ext = request.kind.extension();
    let Some(path) = dialogs::ask(&app, Ask::SaveImage(ext), &format!("zones.{ext}")) else {
        return Ok(None);
    };
    files::write_atomic(&path, &request.data)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
fn set_title(
    window: tauri::Window,
    request: Request<cmd::set_title>,
) -> CmdResult<Answer<cmd::set_title>> {
    let t: String = request.chars().take(200).collect();
    window
        .set_title(&t)
        .map_err(|e| CommandError::shell("window", e.to_string()))
}

/// The environment variable that turns WebKitGTK's DMA-BUF renderer off.
pub const DMABUF_VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Whether `dir` (normally `/dev/dri`) holds a GPU render node (`renderD*`).
pub fn has_render_node(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

/// WebKitGTK's DMA-BUF renderer is meant for a GPU; without a render node (virtual machines,
/// remote desktops, Xvfb) its fallback made every scroll frame of the 50k-row register about
/// three times slower (docs/benchmarks.md). Without one, the app asks for the plain renderer,
/// unless the user set the variable. Call first thing in `main`, before any thread starts.
pub fn choose_webkit_renderer() {
    let user_set = std::env::var_os(DMABUF_VAR).is_some();
    let node = || has_render_node(Path::new("/dev/dri"));
    if plain_renderer_needed(std::env::consts::OS, user_set, node) {
        std::env::set_var(DMABUF_VAR, "1");
    }
}

/// Whether to turn WebKitGTK's DMA-BUF renderer off: only on Linux (Windows uses WebView2,
/// macOS WKWebView), only when the user has not set the variable, and only without a GPU
/// render node (`render_node` is asked last, and only on Linux).
pub fn plain_renderer_needed(os: &str, user_set: bool, render_node: impl FnOnce() -> bool) -> bool {
    os == "linux" && !user_set && !render_node()
}

/// Start the app. The first command-line argument, if any, is a project file to open.
pub fn run() {
    // A relative path is made absolute now: kept in the recent files, it must not depend on
    // the folder the app happens to start in next time.
    let initial = launch::file_argument(std::env::args_os().skip(1)).map(|p| {
        if p.is_relative() {
            std::env::current_dir().map_or(p.clone(), |cwd| cwd.join(&p))
        } else {
            p
        }
    });
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let dir = app
                .path()
                .app_data_dir()
                .unwrap_or_else(|_| std::env::temp_dir().join("otzone-studio"));
            app.manage(Session::new(&dir, initial.clone()));
            Ok(())
        })
        // The commands listed once in build.rs (which also grants exactly these).
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
        .build(tauri::generate_context!())
        .expect("error while building OT Zone Studio")
        .run(|app, event| {
            // macOS hands a double-clicked .otz to the running app as an "opened" event (at
            // launch too), not as an argument: the file is allowed and the window asked to
            // open it, as it opens a recent file (asking first about unsaved changes).
            #[cfg(target_os = "macos")]
            if let tauri::RunEvent::Opened { urls } = &event {
                let args = urls.iter().map(|u| std::ffi::OsString::from(u.as_str()));
                if let Some(path) = launch::file_argument(args) {
                    open_from_system(app, &path);
                }
            }
            let _ = (app, event);
        });
}

/// A file the system asks the running app to open (macOS "opened" event): allowed like a file
/// the user chose, and sent to the window (`open-file`).
#[cfg_attr(not(target_os = "macos"), allow(dead_code))]
fn open_from_system(app: &tauri::AppHandle, path: &Path) {
    use tauri::Emitter as _;
    if let Ok(mut chosen) = app.state::<Session>().chosen.lock() {
        chosen.allow(path);
    }
    let _ = app.emit("open-file", path.display().to_string());
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod wire_types;

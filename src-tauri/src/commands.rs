//! The window's commands, declared once: each command's name, the one argument it takes
//! (`request`) and what it answers.
//!
//! From the list below:
//! - a marker type per command (`cmd::save_project`). A command's function takes
//!   `request: Request<cmd::…>` and answers `Answer<cmd::…>`, so the compiler holds each function
//!   to its declaration;
//! - `Commands` in `ui/src/generated/wire.ts` ([`typescript`]), by which `api.ts` types every
//!   call: a command's name, its request and its answer reach the TypeScript compiler;
//! - `src-tauri/commands.txt` (checked like `wire.ts`), which `build.rs` reads to register the
//!   commands and to grant the window exactly these.
//!
//! A command added here is registered once `UPDATE_WIRE_TYPES=1 cargo test -p otzone-studio
//! wire_types` has written the list anew (the test fails until then). A command removed must
//! also leave `commands.txt` by hand: the build cannot register a function that is gone, so
//! the crate (and the test that would write the list) does not compile until then.

use crate::core::{LedgerRequest, PastedRows, RevisionRequest};
use otzone_models::model::Lang;
use otzone_models::risk::what_if::Change as WhatIfChange;
use serde::Deserialize;

/// A command the window may call (named by its marker type, `cmd::…`).
pub(crate) trait Command {
    /// What it takes, as its one argument `request` (`()`: none).
    type Request;
    /// What it answers.
    type Answer;
}

/// What command `C` takes.
pub(crate) type Request<C> = <C as Command>::Request;
/// What command `C` answers.
pub(crate) type Answer<C> = <C as Command>::Answer;

macro_rules! commands {
    ($($(#[doc = $doc:literal])* $name:ident($request:ty) -> $answer:ty;)*) => {
        /// One marker type per command, named as the command.
        #[allow(non_camel_case_types)]
        pub(crate) mod cmd {
            use super::*;
            $(
                $(#[doc = $doc])*
                pub(crate) enum $name {}
                impl Command for $name {
                    type Request = $request;
                    type Answer = $answer;
                }
            )*
        }

        /// Every command's name, in the order declared.
        #[cfg(test)]
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The TypeScript `Commands` interface: per command, its request and its answer.
        #[cfg(test)]
        pub fn typescript(cfg: &ts_rs::Config) -> String {
            use ts_rs::TS;
            let mut out = String::from(
                "\n/** The commands the window may call: what each takes as its `request` and \
                 what it answers (src-tauri/src/commands.rs). */\nexport interface Commands {\n",
            );
            $(
                out += &format!(
                    "  {}: {{ request: {}; answer: {} }};\n",
                    stringify!($name),
                    <$request as TS>::name(cfg),
                    <$answer as TS>::name(cfg),
                );
            )*
            out + "}\n"
        }

        /// Visit every request and answer type (their declarations go into `wire.ts`).
        #[cfg(test)]
        pub fn visit(v: &mut impl ts_rs::TypeVisitor) {
            $(
                v.visit::<$request>();
                v.visit::<$answer>();
            )*
        }
    };
}

commands! {
    /// What the window needs at start.
    app_info(()) -> crate::AppInfo;
    /// A new project, empty or a sample.
    new_project(NewProjectRequest) -> crate::Opened;
    /// A project file the user chooses.
    open_project(()) -> Option<crate::Opened>;
    /// A recent file (a path chosen earlier).
    open_recent(String) -> crate::Opened;
    /// Save the window's project.
    save_project(SaveProjectRequest) -> Option<crate::Saved>;
    /// The analysis of the window's document (answered as JSON, `sync::analyze`).
    analyze(crate::sync::AnalyzeRequest) -> crate::sync::Update<'static>;
    /// The changes that remove items, with what referred to them.
    remove_items(crate::sync::RemoveRequest) -> Vec<otzone_models::edit::Change>;
    /// One register row's figures explained.
    explain(ExplainRequest) -> Option<crate::core::Explanation>;
    /// One change tried out.
    what_if(WhatIfRequest) -> otzone_models::risk::what_if::WhatIf;
    /// The project with a revision recorded.
    record_revision(RecordRevisionRequest) -> otzone_models::model::Project;
    /// The project compared with one of its revisions.
    compare_revision(CompareRevisionRequest) -> crate::core::Comparison;
    /// The fingerprint of the agreed part of the project.
    baseline(ProjectRequest) -> crate::Baseline;
    /// Write the workbook where the user chooses.
    export_workbook(ExportRequest) -> Option<crate::core::ExportReport>;
    /// A customer ledger the user chooses.
    pick_ledger(()) -> Option<String>;
    /// What importing the chosen ledger would do.
    ledger_preview(LedgerPreviewRequest) -> otzone_models::excel::ledger::Preview;
    /// Import the chosen ledger.
    ledger_apply(LedgerApplyRequest) -> crate::Imported;
    /// What adding pasted rows would do.
    paste_preview(PastePreviewRequest) -> otzone_models::excel::ledger::Preview;
    /// Add pasted rows.
    paste_apply(PasteApplyRequest) -> crate::Imported;
    /// A returned workbook the user chooses.
    pick_responses(()) -> Option<String>;
    /// What reading the customer's answers back would change.
    responses_preview(ProjectRequest) -> otzone_models::excel::responses::ResponseReport;
    /// Read the customer's answers back.
    responses_apply(ProjectRequest) -> crate::Imported;
    /// Keep the crash-recovery copy of the window's project.
    autosave(AutosaveRequest) -> ();
    /// Forget one recovery copy (its key).
    recovery_clear(String) -> ();
    /// Save the zone diagram as an image where the user chooses.
    save_image(SaveImageRequest) -> Option<String>;
    /// The window's title.
    set_title(String) -> ();
}

/// The window's document as a command takes it: parsed in the command like a project file,
/// so that its problems are located (`core::parse_project`).
type Document = serde_json::Value;

/// A new project.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct NewProjectRequest {
    /// A sample's name; none: an empty project.
    pub sample: Option<String>,
    /// The language of its first texts.
    pub lang: Lang,
}

/// Save the window's project.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SaveProjectRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    /// The file it came from, if any.
    pub path: Option<String>,
    /// Ask where to save even when it has a file.
    pub save_as: bool,
    /// Save over the file even if another program changed it since (the user's answer to
    /// the `conflict` error).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub overwrite: Option<bool>,
}

/// Explain one register row of the last analysis.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ExplainRequest {
    /// The window's revision the analysis is of.
    pub revision: u64,
    pub risk_id: String,
    pub lang: Lang,
}

/// Try one change out.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct WhatIfRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    pub change: WhatIfChange,
}

/// Record a revision.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RecordRevisionRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    pub revision: RevisionRequest,
}

/// Compare the project with one of its revisions.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CompareRevisionRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    /// The revision's position in the project's list.
    pub index: usize,
    pub lang: Lang,
}

/// The window's project, and nothing else.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ProjectRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
}

/// Export the workbook.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    /// The workbook's language.
    pub lang: Lang,
}

/// Preview importing the chosen ledger.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LedgerPreviewRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    pub ledger: LedgerRequest,
}

/// Import the chosen ledger.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LedgerApplyRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    pub ledger: LedgerRequest,
    /// Import the good rows and leave the rows with errors out.
    pub skip_error_rows: bool,
}

/// Preview adding pasted rows.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PastePreviewRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    pub rows: PastedRows,
}

/// Add pasted rows.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PasteApplyRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    pub rows: PastedRows,
    /// Add the good rows and leave the rows with errors out.
    pub skip_error_rows: bool,
}

/// Keep the crash-recovery copy.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AutosaveRequest {
    #[cfg_attr(test, ts(as = "otzone_models::model::Project"))]
    pub project: Document,
    /// The project's file, if any.
    pub path: Option<String>,
    /// A copy of its own (changes set aside before a reload), which the project's own copy
    /// never replaces.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub keep: Option<String>,
}

/// The kinds of image the zone diagram is saved as.
#[derive(Debug, Clone, Copy, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ImageKind {
    Png,
    Svg,
}

impl ImageKind {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
        }
    }
}

/// Save the zone diagram as an image.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SaveImageRequest {
    pub kind: ImageKind,
    /// The image's bytes.
    pub data: Vec<u8>,
}

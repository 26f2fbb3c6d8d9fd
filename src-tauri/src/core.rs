//! What the commands do, without Tauri: samples, parsing the UI's project, the analysis view,
//! explanations, what-if, export, ledger and response imports. Every function here is a plain
//! function over `otzone-models`, tested in `tests.rs`.

use crate::error::{CmdResult, CommandError};
use otzone_models::catalogue::CellProvenance;
use otzone_models::catalogue::{self as cat, Catalogue};
use otzone_models::excel;
use otzone_models::id::{AssetId, BusinessId, ZoneId};
use otzone_models::model::{Countermeasure, IsoDate, Lang, Project, Responsibility, Treatment};
use otzone_models::risk::register::RiskRow;
use otzone_models::risk::{self, what_if, Analysis};
use otzone_models::store::update::Fingerprint;
use otzone_models::{json, Location};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Bundled samples: (key, JSON).
pub const SAMPLES: &[(&str, &str)] = &[
    ("food-plant", include_str!("../../samples/food-plant.json")),
    (
        "electronics-line",
        include_str!("../../samples/electronics-line.json"),
    ),
];

/// A bundled sample by key.
pub fn sample(key: &str) -> CmdResult<Project> {
    let (_, text) = SAMPLES
        .iter()
        .find(|(k, _)| *k == key)
        .ok_or_else(|| CommandError::shell("unknown_sample", format!("no sample {key:?}")))?;
    Ok(json::parse(
        text.as_bytes(),
        &Location::path(format!("sample:{key}")),
    )?)
}

/// A new, empty project named in the user's language.
pub fn empty_project(lang: Lang) -> Project {
    let name = otzone_models::i18n::text(lang, "project.new_name");
    let mut p = Project::new(name);
    p.meta.language = lang;
    p
}

/// The UI's project (JSON) checked exactly like a project file: types, unknown fields,
/// references and sizes, with the model path of every problem.
pub fn parse_project(value: &serde_json::Value) -> CmdResult<Project> {
    Ok(json::parse(
        &document_bytes(value)?,
        &Location::path("project"),
    )?)
}

/// The window's document as the bytes of a project file, for the file's reader.
fn document_bytes(value: &serde_json::Value) -> CmdResult<Vec<u8>> {
    serde_json::to_vec(value)
        .map_err(|e| CommandError::shell("invalid_model", format!("project: {e}")))
}

/// The window's document read as [`parse_project`] reads it, but kept when it only fails the
/// structural check (a dangling reference, a conduit from a zone to itself): for a removal,
/// which can repair it. A repeated id it cannot repair (which copy is the stray?): the
/// removal refuses it (`sync::remove_items`). Never for analysing, saving or exporting.
pub fn parse_for_repair(value: &serde_json::Value) -> CmdResult<Project> {
    Ok(json::parse_unchecked(
        &document_bytes(value)?,
        &Location::path("project"),
    )?)
}

/// Open a project file (`.otz` SQLite or `.json`).
pub fn open(path: &Path) -> CmdResult<Project> {
    Ok(otzone_models::store::load_any(path)?)
}

/// Save a project (format by extension), atomically.
pub fn save(path: &Path, project: &Project) -> CmdResult<()> {
    Ok(otzone_models::store::save_any(path, project)?)
}

/// Open a project file for editing: the project and the version of the file read.
pub fn open_for_update(path: &Path) -> CmdResult<(Project, Fingerprint)> {
    Ok(otzone_models::store::update::open_for_update(path)?)
}

/// Save under the project's lock, refused (`conflict`) when the file is no longer the
/// version `expected` (see `store::update`).
pub fn save_checked(
    path: &Path,
    project: &Project,
    expected: Option<&Fingerprint>,
) -> CmdResult<Fingerprint> {
    Ok(otzone_models::store::update::save_if_unchanged(
        path, project, expected,
    )?)
}

/// A register row as the UI table needs it: ids and figures; names are resolved in the UI
/// from the project and the catalogue it already holds. It borrows from the row, so that the
/// 49k rows of a large factory can be compared with the window's after each edit without
/// being copied.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RiskView<'a> {
    /// Stable row id.
    pub id: &'a str,
    /// Threat id.
    pub threat: &'a str,
    /// Asset id.
    pub asset: AssetId,
    /// Zone id.
    pub zone: ZoneId,
    /// Asset importance (1..3).
    pub importance: u8,
    /// Threat level, inherent.
    pub threat_level: u8,
    /// Risk value: inherent, planned, residual.
    pub values: [&'a str; 3],
    /// Rank (0 = highest risk): inherent, planned, residual.
    pub ranks: [u8; 3],
    /// Countermeasure level: inherent, planned, residual.
    pub countermeasure: [u8; 3],
    /// Counted measures: planned, residual.
    pub measures: [usize; 2],
    /// Residual within tolerance.
    pub tolerable: bool,
    /// Responsible parties of the planned measures.
    pub parties: &'a [Responsibility],
    /// Treatment decided, if any.
    pub treatment: Option<Treatment>,
    /// A figure uses a reconstructed table cell.
    pub reconstructed: bool,
}

fn level(l: otzone_models::model::Level) -> u8 {
    l as u8
}

impl<'a> RiskView<'a> {
    /// The row as the window shows it.
    pub fn of(r: &'a RiskRow) -> Self {
        let states = [&r.inherent, &r.planned, &r.residual];
        Self {
            id: &r.id,
            threat: &r.threat,
            asset: r.asset,
            zone: r.zone,
            importance: level(r.importance.level),
            threat_level: level(r.inherent.threat),
            values: states.map(|s| &*s.risk.value),
            ranks: states.map(|s| s.risk.rank),
            countermeasure: states.map(|s| level(s.countermeasure)),
            measures: [r.planned.measures.len(), r.residual.measures.len()],
            tolerable: r.tolerable,
            parties: &r.parties,
            treatment: r.decision.as_ref().and_then(|d| d.treatment),
            reconstructed: states
                .iter()
                .any(|s| s.risk.cell.provenance == CellProvenance::Reconstructed),
        }
    }
}

/// A (threat, asset) pair without a register row, and why (both languages: the UI switches).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExclusionView {
    /// The row id it would have.
    pub id: String,
    /// Threat id.
    pub threat: String,
    /// Asset id.
    pub asset: String,
    /// Zone id.
    pub zone: String,
    /// The analyst decided it (can be taken back); otherwise a rule (support end).
    pub analyst: bool,
    /// Why, in Japanese.
    pub reason_ja: String,
    /// Why, in English.
    pub reason_en: String,
}

impl ExclusionView {
    /// A pair left out, with its reason in both languages.
    pub fn of(x: &otzone_models::risk::applicability::Exclusion) -> Self {
        Self {
            id: x.id.clone(),
            threat: x.threat.to_string(),
            asset: x.asset.to_string(),
            zone: x.zone.to_string(),
            analyst: matches!(
                x.reason,
                otzone_models::risk::applicability::ExclusionReason::Analyst { .. }
            ),
            reason_ja: x.reason.explain(Lang::Ja),
            reason_en: x.reason.explain(Lang::En),
        }
    }
}

/// Derived importances as the window shows them: asset, business and zone id → level (ids
/// in the order of their text, as the window's JSON object has them).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportanceView {
    /// Asset id → level.
    pub assets: BTreeMap<AssetId, u8>,
    /// Business id → level.
    pub businesses: BTreeMap<BusinessId, u8>,
    /// Zone id → level.
    pub zones: BTreeMap<ZoneId, u8>,
}

/// The importances of an analysis as the window shows them.
pub fn importances(analysis: &Analysis) -> ImportanceView {
    let imp = &analysis.importances;
    ImportanceView {
        assets: imp
            .assets
            .iter()
            .map(|(k, v)| (*k, level(v.level)))
            .collect(),
        businesses: imp
            .businesses
            .iter()
            .map(|(k, (l, _))| (*k, level(*l)))
            .collect(),
        zones: imp.zones.iter().map(|(k, l)| (*k, level(*l))).collect(),
    }
}

/// Run the engine.
pub fn analyse(project: &Project) -> Analysis {
    risk::analyse(project, Catalogue::builtin())
}

/// Run the engine after an edit, reusing the analysis before it where the edit did not reach
/// ([`risk::reuse`]).
pub fn analyse_since(project: &Project, since: risk::reuse::Since<'_>) -> Analysis {
    risk::analyse_since(project, Catalogue::builtin(), since)
}

/// The explanation of one register row, per state, plus its importance basis.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Explanation {
    /// Row id.
    pub id: String,
    /// Why the asset has its importance.
    pub importance: String,
    /// Inherent, planned, residual.
    pub states: [String; 3],
    /// What the residual risk stays at if the customer's and vendors' measures are not
    /// carried out (none counts: `None`).
    pub unless_others: Option<String>,
}

/// Explain a row, naming its countermeasures from `measures` (the project's).
pub fn explain(
    measures: &[Countermeasure],
    analysis: &Analysis,
    risk_id: &str,
    lang: Lang,
) -> Option<Explanation> {
    use otzone_models::risk::coverage::State;
    let row = analysis.risks.iter().find(|r| r.id == risk_id)?;
    let measure = |id| measures.iter().find(|m| m.id == id);
    Some(Explanation {
        id: row.id.clone(),
        importance: row.importance.explain(lang),
        states: [State::Inherent, State::Planned, State::Residual]
            .map(|s| row.explain_with(s, lang, &measure)),
        unless_others: row.unless_others_text(lang, &|id| {
            measure(id).map(|m| {
                format!(
                    "{} {}",
                    otzone_models::model::numbering::measure_label(m.number),
                    m.measure
                )
            })
        }),
    })
}

/// What a change would do.
pub fn what_if(project: &Project, change: &what_if::Change) -> what_if::WhatIf {
    what_if::what_if(project, Catalogue::builtin(), change)
}

/// The catalogue parts the UI offers as suggestions.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CatalogueView {
    version: &'static str,
    categories: &'static [cat::ThreatCategory],
    threats: &'static [cat::Threat],
    impacts: &'static [cat::Impact],
    measures: &'static [cat::Measure],
    checklist: &'static [cat::ChecklistItem],
    ooda: &'static [cat::OodaTemplate],
    asset_types: &'static [cat::AssetType],
    protocols: &'static [cat::Protocol],
    zone_templates: &'static [cat::ZoneTemplate],
    entry_kinds: &'static [cat::EntryKindInfo],
    criteria: &'static [cat::CriterionInfo],
    risk_methods: Vec<RiskMethodView>,
    sources: &'static [cat::Source],
}

/// A risk method as the UI lists it: its id and its values, lowest first.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RiskMethodView {
    id: &'static str,
    values: &'static [String],
}

/// The catalogue parts the UI offers as suggestions.
pub fn catalogue_view() -> CatalogueView {
    let c = Catalogue::builtin();
    CatalogueView {
        version: &c.version,
        categories: &c.categories,
        threats: &c.threats,
        impacts: &c.impacts,
        measures: &c.measures,
        checklist: &c.checklist,
        ooda: &c.ooda,
        asset_types: &c.asset_types,
        protocols: &c.protocols,
        zone_templates: &c.zone_templates,
        entry_kinds: &c.entry_kinds,
        criteria: &c.criteria,
        risk_methods: c
            .risk_methods
            .iter()
            .map(|m| RiskMethodView {
                id: &m.id,
                values: &m.values,
            })
            .collect(),
        sources: &c.sources,
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExportReport {
    /// File written.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Register rows.
    pub risks: usize,
}

/// Export the evidence workbook to `path` (atomically: a temp file renamed into place).
pub fn export(
    path: &Path,
    project: &Project,
    analysis: &Analysis,
    lang: Lang,
    date: IsoDate,
) -> CmdResult<ExportReport> {
    let options = excel::export::ExportOptions { lang, date };
    // The save dialog asked the user before an existing file is chosen.
    excel::export::export_replacing(path, project, analysis, &options)?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(ExportReport {
        path: path.display().to_string(),
        bytes,
        risks: analysis.risks.len(),
    })
}

/// What the UI asks to record as a version.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RevisionRequest {
    /// Version label (版数).
    pub version: String,
    /// What changed.
    #[serde(default)]
    pub summary: String,
    /// Who.
    #[serde(default)]
    pub author: String,
}

/// The project with its current state recorded as a version (改訂履歴), or why not.
pub fn record_revision(
    project: &Project,
    request: RevisionRequest,
    date: IsoDate,
) -> CmdResult<Project> {
    let mut next = project.clone();
    let analysis = analyse(project);
    let input = otzone_models::revision::RevisionInput {
        version: request.version,
        date,
        summary: request.summary,
        author: request.author,
    };
    otzone_models::revision::record(&mut next, &analysis, input)?;
    Ok(next)
}

/// A recorded version compared with the model now (改訂履歴 → 比較).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Comparison {
    /// The version compared with.
    pub version: String,
    /// When it was recorded.
    pub date: IsoDate,
    /// Its baseline hash.
    pub baseline: String,
    /// The model's baseline now.
    pub now: String,
    /// What changed, one line per field, item or moved risk.
    pub lines: Vec<otzone_models::diff::lines::ChangeLine>,
}

/// What changed since `project.revisions[index]` was recorded, in the reader's language.
pub fn compare_revision(project: &Project, index: usize, lang: Lang) -> CmdResult<Comparison> {
    let old = otzone_models::revision::restore(project, index)?;
    let rev = &project.revisions[index];
    let d = otzone_models::diff::diff(&old, project);
    Ok(Comparison {
        version: rev.version.clone(),
        date: rev.date.clone(),
        baseline: rev.baseline.clone(),
        now: otzone_models::revision::baseline_hash(project),
        lines: otzone_models::diff::lines::lines(&old, project, &d, Catalogue::builtin(), lang),
    })
}

/// The project's baseline hash and whether it changed since the last recorded version.
pub fn baseline(project: &Project) -> (String, bool) {
    let hash = otzone_models::revision::baseline_hash(project);
    let changed = otzone_models::revision::changed_since_last(project, &hash);
    (hash, changed)
}

/// Today's date (UTC), for the cover.
pub fn today() -> IsoDate {
    let d = time::OffsetDateTime::now_utc().date();
    IsoDate::from_ymd(d.year(), u8::from(d.month()), d.day())
        .expect("the system clock gives a valid date")
}

/// Ledger import options from the UI.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LedgerRequest {
    /// Sheet, or automatic.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Column (header text or letter) → field key.
    #[serde(default)]
    pub mapping: Vec<(String, String)>,
}

fn ledger_options(req: &LedgerRequest, path: &Path) -> CmdResult<excel::ledger::LedgerOptions> {
    Ok(
        excel::ledger::LedgerOptions::from_keys(req.sheet.clone(), req.mapping.iter().cloned())
            .map_err(|e| e.in_file(path))?,
    )
}

/// Preview a ledger import.
pub fn ledger_preview(
    project: &Project,
    path: &Path,
    req: &LedgerRequest,
) -> CmdResult<excel::ledger::Preview> {
    Ok(excel::ledger::preview(
        project,
        path,
        &ledger_options(req, path)?,
    )?)
}

/// Apply a ledger import; returns the updated project and (added, updated).
pub fn ledger_apply(
    project: &Project,
    path: &Path,
    req: &LedgerRequest,
    skip_error_rows: bool,
) -> CmdResult<(Project, usize, usize)> {
    let preview = ledger_preview(project, path, req)?;
    let mut p = project.clone();
    let (added, updated) = excel::ledger::apply(&mut p, &preview, skip_error_rows)?;
    Ok((p, added, updated))
}

/// Rows pasted into the asset table: the text and the table's columns from where it was pasted.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PastedRows {
    /// Tab-separated text, as a spreadsheet copies cells.
    pub text: String,
    /// Field keys of the table's columns, left to right, for rows pasted without a header.
    #[serde(default)]
    pub columns: Vec<String>,
}

fn pasted_columns(rows: &PastedRows) -> Vec<excel::ledger::Field> {
    // A table column the ledger has no field for (delivered, generic) takes nothing.
    rows.columns
        .iter()
        .map(|c| excel::ledger::Field::parse(c).unwrap_or(excel::ledger::Field::Ignore))
        .collect()
}

/// Preview rows pasted into the asset table (the ledger import's matching and checks).
pub fn paste_preview(
    project: &Project,
    rows: &PastedRows,
    req: &LedgerRequest,
) -> CmdResult<excel::ledger::Preview> {
    Ok(excel::ledger::preview_pasted(
        project,
        &rows.text,
        &pasted_columns(rows),
        &ledger_options(req, Path::new("clipboard"))?,
    )?)
}

/// Apply rows pasted into the asset table; returns the updated project and (added, updated).
pub fn paste_apply(
    project: &Project,
    rows: &PastedRows,
    req: &LedgerRequest,
    skip_error_rows: bool,
) -> CmdResult<(Project, usize, usize)> {
    let preview = paste_preview(project, rows, req)?;
    let mut p = project.clone();
    let (added, updated) = excel::ledger::apply(&mut p, &preview, skip_error_rows)?;
    Ok((p, added, updated))
}

/// Read a returned workbook.
pub fn responses_preview(
    project: &Project,
    path: &Path,
) -> CmdResult<excel::responses::ResponseReport> {
    Ok(excel::responses::preview(project, path)?)
}

/// Apply a returned workbook's answers.
pub fn responses_apply(project: &Project, path: &Path) -> CmdResult<(Project, usize)> {
    let report = responses_preview(project, path)?;
    let mut p = project.clone();
    excel::responses::apply(&mut p, &report);
    Ok((p, report.change_count()))
}

//! The evidence workbook (domain brief §4.2): one sheet per guideline step and per ②構築 item,
//! every row with its stable id, customer agreement columns where the customer decides, a
//! zone diagram and risk charts, document properties and print set-up.
//!
//! Sheets: 表紙 (cover, baseline and agreement block), 改訂履歴 (versions and how risk moved),
//! 要件 (1-1), 業務 (1-2/1-3), 保護対象・構成管理 (1-4/1-5, 構成管理表), ゾーン and コンジット (1-6),
//! ゾーン図, 脅威と影響 (1-7), リスク評価 (セキュリティリスク評価), リスクサマリ (charts), 攻撃経路,
//! 攻撃シナリオ (事業被害ベース), 対策 (2-1/2-2), 責任分界表, 製品リスク説明 (Level 1: the delivered
//! products' risks and what the customer must do), 完成検査, 脆弱性検査結果 (Level 2), サプライヤ管理
//! and SCチェック (サプライチェーン管理), 顧客NW影響確認 (構成管理), OODA (3), 指摘事項, and a hidden
//! `_otzone` sheet identifying the project.

mod certification;
mod changes;
mod columns;
mod cover;
mod delivery;
mod model_sheets;
mod package;
mod risk_sheets;

use super::sheet::{Formats, RowLayout, Table, TableWriter};
use super::sheet_xml::{Rows, RowsXml};
use super::META_SHEET;
use crate::catalogue::Catalogue;
use crate::model::{CustomerResponse, IsoDate, Lang, Project};
use crate::risk::Analysis;
use crate::{i18n, Error, Location, Result};
use rayon::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};
use std::collections::HashMap;
use std::path::Path;

/// Zip compression level of exported workbooks (1 = fastest, 9 = smallest).
pub const ZIP_LEVEL: u8 = 1;

/// Export options.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Language of the workbook.
    pub lang: Lang,
    /// Export date, written on the cover and as the document creation date (reproducible
    /// output: the same project, options and date give the same workbook content).
    pub date: IsoDate,
}

/// What every sheet builder gets.
pub(crate) struct Ctx<'a> {
    /// The project's items by id.
    pub ids: columns::Lookups<'a>,
    pub project: &'a Project,
    pub analysis: &'a Analysis,
    pub catalogue: &'a Catalogue,
    pub lang: Lang,
    pub date: &'a IsoDate,
    baseline: std::sync::OnceLock<String>,
}

impl<'a> Ctx<'a> {
    fn new(project: &'a Project, analysis: &'a Analysis, lang: Lang, date: &'a IsoDate) -> Self {
        Self {
            ids: columns::Lookups::new(project),
            project,
            analysis,
            catalogue: Catalogue::builtin(),
            lang,
            date,
            baseline: std::sync::OnceLock::new(),
        }
    }

    /// The project's baseline hash (worked out once, on first use).
    pub fn baseline(&self) -> &str {
        self.baseline
            .get_or_init(|| crate::revision::baseline_hash(self.project))
    }

    /// The print footer's note: the assessment's version and baseline hash.
    pub fn print_note(&self) -> String {
        i18n::format(
            self.lang,
            "xl.print_note",
            &[
                ("v", &self.project.meta.version),
                ("baseline", self.baseline()),
            ],
        )
    }

    /// Text for an i18n key.
    pub fn t(&self, key: &str) -> String {
        i18n::text(self.lang, key).to_owned()
    }
    /// Pick ja or en.
    pub fn pick<'s>(&self, ja: &'s str, en: &'s str) -> &'s str {
        if self.lang == Lang::Ja {
            ja
        } else {
            en
        }
    }
    /// Zone name by id.
    pub fn zone_name(&self, id: crate::id::ZoneId) -> String {
        self.ids
            .zone_names
            .get(&id)
            .map(|s| (*s).to_owned())
            .unwrap_or_default()
    }
    /// Name of a conduit end.
    pub fn end_name(&self, e: crate::model::Endpoint) -> String {
        match e {
            crate::model::Endpoint::Zone(z) => self.zone_name(z),
            crate::model::Endpoint::Entry(x) => self.entry_name(x).to_owned(),
        }
    }
    /// An entry point's name ("" for an id the project does not have).
    pub fn entry_name(&self, id: crate::id::EntryPointId) -> &'a str {
        self.ids.entry_names.get(&id).copied().unwrap_or_default()
    }
    /// An asset's name ("" for an id the project does not have).
    pub fn asset_name(&self, id: crate::id::AssetId) -> &'a str {
        self.ids.assets.get(&id).map_or("", |a| a.name.as_str())
    }
    /// A level as `3 高` / `3 high`.
    pub fn level(&self, l: crate::model::Level) -> String {
        format!("{} {}", l.value(), l.label(self.lang))
    }
    /// Yes/no mark.
    pub fn yes(&self, b: bool) -> String {
        if b {
            "○".into()
        } else {
            String::new()
        }
    }
}

fn xlsx(e: XlsxError) -> Error {
    Error::Export {
        location: Location::default(),
        detail: e.to_string(),
    }
}

fn chart(detail: String) -> Error {
    Error::Export {
        location: Location::default(),
        detail,
    }
}

/// A sheet builder.
type Builder = fn(&Ctx<'_>) -> Table;

/// One part of the workbook, in sheet order.
#[derive(Clone, Copy)]
enum Part {
    Table(Builder),
    /// The risk register, the largest table by far: its rows are made as its sheet is
    /// written, so that they are never all in memory.
    Register,
    /// The register's 別紙: each row's figures explained, made as its sheet is written.
    RegisterBasis,
    Diagram,
    Summary,
}

/// The sheets between the cover and the hidden `_otzone` sheet, in order.
const PARTS: &[Part] = &[
    Part::Table(certification::level1),
    Part::Table(model_sheets::revisions),
    Part::Table(changes::changes),
    Part::Table(model_sheets::requirements),
    Part::Table(model_sheets::businesses),
    Part::Table(model_sheets::assets),
    Part::Table(model_sheets::zones),
    Part::Table(model_sheets::conduits),
    Part::Diagram,
    Part::Table(model_sheets::threats),
    Part::Register,
    Part::RegisterBasis,
    Part::Table(risk_sheets::applicability),
    Part::Summary,
    Part::Table(risk_sheets::attack_paths),
    Part::Table(risk_sheets::scenarios),
    Part::Table(delivery::countermeasures),
    Part::Table(delivery::responsibility),
    Part::Table(delivery::product_risks),
    Part::Table(delivery::inspection),
    Part::Table(delivery::vulnerabilities),
    Part::Table(delivery::suppliers),
    Part::Table(delivery::subcontractors),
    Part::Table(delivery::checklists),
    Part::Table(delivery::network_impact),
    Part::Table(delivery::ooda),
    Part::Table(risk_sheets::findings),
];

/// The tables whose rows are made as their sheet is written.
#[derive(Clone, Copy)]
enum MadeLater {
    Register,
    Basis,
}

/// How a table's data rows are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowWriter {
    /// Rendered as XML on all cores and put into the saved workbook (the export).
    Xml,
    /// Written cell by cell through rust_xlsxwriter (the reference).
    Library,
}

/// What a part's job made.
enum Made {
    /// A table with its rows, or (`rows_later`: the register or its 別紙) without them.
    Table {
        table: Table,
        rows_later: Option<MadeLater>,
    },
    Diagram(std::result::Result<Vec<u8>, String>),
    Summary,
}

/// Build the workbook in memory.
///
/// # Errors
/// [`Error::Export`] when the writer or a chart fails (e.g. no Japanese font for charts).
pub fn export(project: &Project, analysis: &Analysis, options: &ExportOptions) -> Result<Vec<u8>> {
    build(project, analysis, options, RowWriter::Xml)
}

/// The same workbook as [`export`], with every table row written cell by cell through
/// rust_xlsxwriter: slower, and the reference that the export's sheets are tested against,
/// byte for byte.
///
/// # Errors
/// As [`export`].
pub fn export_reference(
    project: &Project,
    analysis: &Analysis,
    options: &ExportOptions,
) -> Result<Vec<u8>> {
    build(project, analysis, options, RowWriter::Library)
}

fn build(
    project: &Project,
    analysis: &Analysis,
    options: &ExportOptions,
    writer: RowWriter,
) -> Result<Vec<u8>> {
    let project = numbered(project);
    let ctx = Ctx::new(&project, analysis, options.lang, &options.date);
    let mut wb = new_workbook(&ctx).map_err(xlsx)?;
    let f = Formats::new();
    let styles = f.register(&mut wb).map_err(xlsx)?;
    let responses: HashMap<&str, &CustomerResponse> = project
        .customer_responses
        .iter()
        .map(|r| (r.row_id.as_str(), r))
        .collect();
    let sheets = Sheets {
        ctx: &ctx,
        f: &f,
        responses: &responses,
        writer,
    };
    // First, on all cores: every table built, and the zone diagram drawn.
    let made: Vec<Made> = PARTS.par_iter().map(|part| sheets.make(*part)).collect();
    // Then the sheets in order. A table's sheet gets its header row, columns and settings
    // here, and its rows either here, cell by cell (the reference), or below.
    let mut sheet_names: Vec<(String, &'static str)> = Vec::new();
    let mut later: Vec<Later> = Vec::new();
    cover::write(&mut wb, &ctx, &f, &sheet_list(&ctx)).map_err(xlsx)?;
    for made in made {
        match made {
            Made::Summary => risk_sheets::summary(&mut wb, &ctx, &f).map_err(chart)?,
            Made::Diagram(png) => {
                model_sheets::diagram(&mut wb, &ctx, png.map_err(chart)?).map_err(chart)?;
            }
            Made::Table { table, rows_later } => {
                let (name, kind, rest) = sheets.table(&mut wb, table, rows_later)?;
                sheet_names.push((name, kind));
                later.extend(rest);
            }
        }
    }
    write_meta(&mut wb, &ctx, &sheet_names).map_err(xlsx)?;
    let saved = wb.save_to_buffer().map_err(xlsx)?;
    if writer == RowWriter::Library {
        return Ok(saved);
    }
    sheets.rows_into(&saved, later, styles)
}

/// The project with readable numbers (A-…, M-…) for items added since the file was opened,
/// as opening it would give them.
fn numbered(project: &Project) -> std::borrow::Cow<'_, Project> {
    if project.assets.iter().any(|a| a.number == 0)
        || project.countermeasures.iter().any(|m| m.number == 0)
    {
        let mut p = project.clone();
        crate::model::numbering::assign(&mut p);
        std::borrow::Cow::Owned(p)
    } else {
        std::borrow::Cow::Borrowed(project)
    }
}

/// An empty workbook with the document's properties.
fn new_workbook(ctx: &Ctx<'_>) -> std::result::Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    // Deflate dominated the export time at level 6 (docs/benchmarks.md); level 1 writes a
    // somewhat larger file in a fraction of the time.
    wb.set_zip_compression_level(ZIP_LEVEL);
    let (y, m, d) = ctx.date.ymd();
    let created = ExcelDateTime::from_ymd(y as u16, m, d)?;
    let project = ctx.project;
    let props = DocProperties::new()
        .set_title(format!("{} — {}", ctx.t("xl.doc_title"), project.meta.name))
        .set_subject(ctx.t("xl.doc_subject"))
        .set_author(project.meta.assessor.clone())
        .set_company(project.meta.sier.clone())
        .set_keywords(
            "IEC 62443-3-2, METI CPS guideline, IPA risk analysis, SI security certification",
        )
        .set_comment(format!("OT Zone Studio; project {}", project.id))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(wb)
}

/// A table sheet whose rows are rendered after the workbook is saved: its position, rows,
/// width, the table, and whose rows it gets made as they are written.
struct Later {
    sheet: usize,
    rows: u32,
    width: usize,
    table: Table,
    rows_later: Option<MadeLater>,
}

/// What the table sheets of one export share.
struct Sheets<'s, 'a> {
    ctx: &'s Ctx<'a>,
    f: &'s Formats,
    responses: &'s HashMap<&'a str, &'a CustomerResponse>,
    writer: RowWriter,
}

impl Sheets<'_, '_> {
    /// One part's job: a table with its rows (or, for the register and its 別紙 in the
    /// export, without them), the zone diagram drawn, or the summary (charted in order).
    fn make(&self, part: Part) -> Made {
        let ctx = self.ctx;
        let now = |table| Made::Table {
            table,
            rows_later: None,
        };
        let later = |table, rows| Made::Table {
            table,
            rows_later: Some(rows),
        };
        match (part, self.writer) {
            (Part::Table(build), _) => now(build(ctx)),
            (Part::RegisterBasis, RowWriter::Xml) => {
                later(risk_sheets::basis_head(ctx), MadeLater::Basis)
            }
            (Part::RegisterBasis, RowWriter::Library) => now(risk_sheets::basis(ctx)),
            (Part::Register, RowWriter::Xml) => later(risk_sheets::head(ctx), MadeLater::Register),
            (Part::Register, RowWriter::Library) => now(risk_sheets::register(ctx)),
            (Part::Diagram, _) => Made::Diagram(crate::chart::zone_diagram(ctx.project, ctx.lang)),
            (Part::Summary, _) => Made::Summary,
        }
    }

    /// A table's sheet: header row, columns and settings, and its rows cell by cell (the
    /// reference) or, for the export, the sheet to fill in later. Its name and kind for the
    /// `_otzone` sheet.
    fn table(
        &self,
        wb: &mut Workbook,
        mut table: Table,
        rows_later: Option<MadeLater>,
    ) -> Result<(String, &'static str, Option<Later>)> {
        let ctx = self.ctx;
        let (rows, id_width) = if rows_later.is_some() {
            risk_sheets::register_extent(ctx)
        } else {
            (table.rows.len() as u32, table.id_width())
        };
        // The reference writes the rows here and needs them apart from the table it reads.
        let data = match self.writer {
            RowWriter::Library => std::mem::take(&mut table.rows),
            RowWriter::Xml => Vec::new(),
        };
        table.fit_to_paper();
        let layout = RowLayout::new(&table, ctx.lang, self.responses);
        let width = layout.width();
        let ws = wb.new_worksheet_with_constant_memory().map_err(xlsx)?;
        let mut w = TableWriter::new(
            ws,
            &layout,
            self.f,
            ctx.lang,
            &ctx.project.meta.name,
            &ctx.print_note(),
        )
        .map_err(xlsx)?
        .with_risk_values(&ctx.analysis.values)
        // The register repeats its number, zone and asset on every page across.
        .with_print_keys(if table.name == ctx.t("xl.sheet.risks") {
            3
        } else {
            1
        });
        let prepared: Vec<_> = data
            .into_par_iter()
            .with_min_len(256)
            .map(|(id, cells)| layout.prepare(id, cells))
            .collect();
        w.write_rows(prepared).map_err(xlsx)?;
        let ws = w.finish(rows, id_width).map_err(xlsx)?;
        drop(layout);
        let kind = if table.customer { "customer" } else { "plain" };
        let name = ws.name();
        wb.push_worksheet(ws);
        let later = (self.writer == RowWriter::Xml).then(|| Later {
            sheet: wb.worksheets().len(),
            rows,
            width,
            table,
            rows_later,
        });
        Ok((name, kind, later))
    }

    /// The saved workbook with each table's rows rendered as XML and put into its sheet as
    /// the sheet is compressed.
    fn rows_into(
        &self,
        saved: &[u8],
        later: Vec<Later>,
        styles: super::sheet::CellStyles,
    ) -> Result<Vec<u8>> {
        let (ctx, responses) = (self.ctx, self.responses);
        let sheets = later
            .into_iter()
            .map(|mut l| {
                let write: package::RowsWriter<'_> = Box::new(move |out| {
                    let data = match l.rows_later {
                        Some(MadeLater::Register) => risk_sheets::register_rows(ctx),
                        Some(MadeLater::Basis) => risk_sheets::basis_rows(ctx),
                        None => Rows::Built(std::mem::take(&mut l.table.rows)),
                    };
                    let layout = RowLayout::new(&l.table, ctx.lang, responses);
                    RowsXml::new(&layout, styles).write_rows(data, out)
                });
                package::SheetRows {
                    sheet: l.sheet,
                    rows: l.rows,
                    width: l.width,
                    write,
                }
            })
            .collect();
        package::assemble(saved, sheets).map_err(|detail| Error::Export {
            location: Location::default(),
            detail,
        })
    }
}

/// Every table of the workbook (the sheets made of rows), for benchmarks and previews.
pub fn tables(project: &Project, analysis: &Analysis, options: &ExportOptions) -> Vec<Table> {
    let ctx = Ctx::new(project, analysis, options.lang, &options.date);
    PARTS
        .iter()
        .filter_map(|p| match p {
            Part::Table(build) => Some(build(&ctx)),
            Part::Register => Some(risk_sheets::register(&ctx)),
            Part::RegisterBasis => Some(risk_sheets::basis(&ctx)),
            Part::Diagram | Part::Summary => None,
        })
        .collect()
}

/// The customer sheets as they would be exported now: per sheet, its row ids and which of its
/// content columns (1-based, after the id) the customer may edit (left out of the row hash).
pub fn customer_sheets(
    project: &Project,
    analysis: &Analysis,
    lang: Lang,
) -> HashMap<String, (std::collections::HashSet<String>, Vec<usize>)> {
    let date = IsoDate::from_ymd(2000, 1, 1).expect("valid date");
    let ctx = Ctx::new(project, analysis, lang, &date);
    [
        changes::changes(&ctx),
        model_sheets::businesses(&ctx),
        model_sheets::assets(&ctx),
        model_sheets::zones(&ctx),
        model_sheets::conduits(&ctx),
        risk_sheets::register(&ctx),
        risk_sheets::applicability(&ctx),
        delivery::countermeasures(&ctx),
        delivery::responsibility(&ctx),
        delivery::product_risks(&ctx),
        delivery::suppliers(&ctx),
        delivery::subcontractors(&ctx),
        delivery::network_impact(&ctx),
        delivery::ooda(&ctx),
    ]
    .into_iter()
    .filter(|t| t.customer)
    .map(|t| {
        let editable = t.editable.iter().map(|(c, _)| c + 1).collect();
        (
            t.name,
            (t.rows.into_iter().map(|(id, _)| id).collect(), editable),
        )
    })
    .collect()
}

/// The completion-inspection sheet as it would be exported now: for every check row id the
/// texts of the columns before the on-site ones (asset, zone, check, expected, basis), against
/// which a returned workbook's rows are compared.
pub fn inspection_rows(
    project: &Project,
    analysis: &Analysis,
    lang: Lang,
) -> HashMap<String, Vec<String>> {
    let date = IsoDate::from_ymd(2000, 1, 1).expect("valid date");
    let ctx = Ctx::new(project, analysis, lang, &date);
    let table = delivery::inspection(&ctx);
    let text = |c: &super::sheet::Cell| match c {
        super::sheet::Cell::Text(s) => s.clone(),
        super::sheet::Cell::Num(n) => super::data_text(&calamine::Data::Float(*n)),
        super::sheet::Cell::Empty => String::new(),
    };
    table
        .rows
        .into_iter()
        .map(|(id, cells)| (id, cells.iter().take(INSPECTION_LOCKED).map(text).collect()))
        .collect()
}

/// Columns of the inspection sheet (after the id) that are not filled in on site.
pub const INSPECTION_LOCKED: usize = 5;

/// The sheets listed on the cover with the certification item each evidences.
fn sheet_list(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    [
        ("xl.sheet.level1", "xl.item.certification"),
        ("xl.sheet.revisions", "xl.item.config"),
        ("xl.sheet.changes", "xl.item.config"),
        ("xl.sheet.requirements", "xl.item.risk"),
        ("xl.sheet.businesses", "xl.item.risk"),
        ("xl.sheet.assets", "xl.item.risk_config"),
        ("xl.sheet.zones", "xl.item.risk"),
        ("xl.sheet.conduits", "xl.item.risk_config"),
        ("xl.sheet.diagram", "xl.item.config"),
        ("xl.sheet.threats", "xl.item.risk"),
        ("xl.sheet.risks", "xl.item.risk"),
        ("xl.sheet.basis", "xl.item.risk"),
        ("xl.sheet.applicability", "xl.item.risk"),
        ("xl.sheet.summary", "xl.item.risk"),
        ("xl.sheet.paths", "xl.item.risk"),
        ("xl.sheet.scenarios", "xl.item.risk"),
        ("xl.sheet.measures", "xl.item.risk"),
        ("xl.sheet.responsibility", "xl.item.risk_contract"),
        ("xl.sheet.product_risks", "xl.item.risk"),
        ("xl.sheet.inspection", "xl.item.inspection"),
        ("xl.sheet.vulnerabilities", "xl.item.inspection"),
        ("xl.sheet.suppliers", "xl.item.supply"),
        ("xl.sheet.subcontractors", "xl.item.supply"),
        ("xl.sheet.checklists", "xl.item.supply"),
        ("xl.sheet.network", "xl.item.config"),
        ("xl.sheet.ooda", "xl.item.operation"),
        ("xl.sheet.findings", "xl.item.risk"),
    ]
    .iter()
    .map(|(s, i)| (ctx.t(s), ctx.t(i)))
    .collect()
}

fn write_meta(
    wb: &mut Workbook,
    ctx: &Ctx<'_>,
    sheets: &[(String, &'static str)],
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(META_SHEET)?;
    let mut rows: Vec<(String, String)> = vec![
        ("app".into(), "OT Zone Studio".into()),
        ("workbook_format".into(), "1".into()),
        ("project_id".into(), ctx.project.id.to_string()),
        ("project_name".into(), ctx.project.meta.name.clone()),
        ("version".into(), ctx.project.meta.version.clone()),
        ("baseline".into(), ctx.baseline().to_owned()),
        ("exported".into(), ctx.date.to_string()),
        (
            "language".into(),
            if ctx.lang == Lang::Ja {
                "ja".into()
            } else {
                "en".into()
            },
        ),
        ("catalogue".into(), ctx.catalogue.version.clone()),
    ];
    for (name, kind) in sheets {
        rows.push((format!("sheet:{name}"), (*kind).to_owned()));
    }
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write_string(i as u32, 0, k)?;
        ws.write_string(i as u32, 1, super::sheet::fit(v, Lang::En).as_ref())?;
    }
    ws.set_hidden(true);
    Ok(())
}

/// Refuse an export target that is not an `.xlsx` name, or that exists and is not a workbook
/// this program exported (a customer's ledger, a project, a device).
fn check_target(path: &Path, replace: bool) -> Result<()> {
    let xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !xlsx {
        return Err(Error::UnsupportedFormat {
            location: Location::file(path),
            detail: "the workbook is written only to a file named .xlsx (this would replace \
                     another kind of file, such as the project)"
                .into(),
        });
    }
    let target = crate::json::resolve_target(path)?;
    if target.exists() && !is_our_workbook(&target) {
        return Err(Error::UnsupportedFormat {
            location: Location::file(path),
            detail: "the file exists and is not a workbook this program exported (a customer's \
                     ledger or another document?); it is never replaced: choose another name"
                .into(),
        });
    }
    if target.exists() && !replace {
        return Err(Error::Conflict {
            location: Location::file(path),
            detail: "the file exists (a returned workbook holds the customer's answers): choose \
                     another name, or replace it on purpose (--force)"
                .into(),
        });
    }
    if target.exists() && !is_our_workbook(&target) {
        return Err(Error::UnsupportedFormat {
            location: Location::file(path),
            detail: "the file exists and is not a workbook this program exported (a customer's \
                     ledger or another document?); choose another name"
                .into(),
        });
    }
    Ok(())
}

/// Whether `path` is a workbook exported by this program (it has the hidden `_otzone` sheet).
fn is_our_workbook(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(f)) else {
        return false;
    };
    let Ok(book) = zip.by_name("xl/workbook.xml") else {
        return false;
    };
    // The workbook part lists sheet names only; a few hundred kilobytes at most.
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::Read::take(book, 4 << 20), &mut text).is_ok()
        && text.contains(&format!("name=\"{}\"", super::META_SHEET))
}

/// Export to a new file, atomically. The target must be named `.xlsx` and must not exist: an
/// export never replaces a project, a customer's ledger or a returned workbook (see
/// [`export_replacing`]).
///
/// # Errors
/// [`Error::UnsupportedFormat`] for such a target (nothing written), as [`export`], plus
/// [`Error::Io`].
pub fn export_to_file(
    path: &Path,
    project: &Project,
    analysis: &Analysis,
    options: &ExportOptions,
) -> Result<()> {
    check_target(path, false)?;
    write_export(path, project, analysis, options)
}

/// As [`export_to_file`], replacing an existing workbook this program exported (the user
/// confirmed it: `--force`, or the save dialog's question). A file this program did not
/// write is still never replaced.
///
/// # Errors
/// As [`export_to_file`].
pub fn export_replacing(
    path: &Path,
    project: &Project,
    analysis: &Analysis,
    options: &ExportOptions,
) -> Result<()> {
    check_target(path, true)?;
    write_export(path, project, analysis, options)
}

fn write_export(
    path: &Path,
    project: &Project,
    analysis: &Analysis,
    options: &ExportOptions,
) -> Result<()> {
    let bytes = export(project, analysis, options).map_err(|e| e.in_file(path))?;
    crate::json::write_atomic(path, &bytes)
}

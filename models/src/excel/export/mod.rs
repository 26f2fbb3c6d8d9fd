//! The evidence workbook (domain brief §4.2): one sheet per guideline step and per ②構築 item,
//! every row with its stable id, customer agreement columns where the customer decides, a
//! zone diagram and risk charts, document properties and print set-up.
//!
//! Sheets: 表紙 (cover and agreement block), 要件 (1-1), 業務 (1-2/1-3), 保護対象・構成管理
//! (1-4/1-5, 構成管理表), ゾーン and コンジット (1-6), ゾーン図, 脅威と影響 (1-7), リスク評価
//! (セキュリティリスク評価), リスクサマリ (charts), 攻撃経路, 対策 (2-1/2-2), 責任分界表,
//! 完成検査, サプライヤ管理 and SCチェック (サプライチェーン管理), 顧客NW影響確認 (構成管理),
//! OODA (3), 指摘事項, and a hidden `_otzone` sheet identifying the project.

mod cover;
mod delivery;
mod model_sheets;
mod pipeline;
mod risk_sheets;

use super::sheet::{write_table, Formats, Table, TableWriter};
use super::META_SHEET;
use crate::catalogue::Catalogue;
use crate::model::{CustomerResponse, IsoDate, Lang, Project};
use crate::risk::Analysis;
use crate::{i18n, Error, Location, Result};
use pipeline::{lock, Pipeline};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

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
    pub zone_names: HashMap<crate::id::ZoneId, &'a str>,
    pub project: &'a Project,
    pub analysis: &'a Analysis,
    pub catalogue: &'a Catalogue,
    pub lang: Lang,
    pub date: &'a IsoDate,
}

impl<'a> Ctx<'a> {
    fn new(project: &'a Project, analysis: &'a Analysis, lang: Lang, date: &'a IsoDate) -> Self {
        Self {
            zone_names: project
                .zones
                .iter()
                .map(|z| (z.id, z.name.as_str()))
                .collect(),
            project,
            analysis,
            catalogue: Catalogue::builtin(),
            lang,
            date,
        }
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
        self.zone_names
            .get(&id)
            .map(|s| (*s).to_owned())
            .unwrap_or_default()
    }
    /// Name of a conduit end.
    pub fn end_name(&self, e: crate::model::Endpoint) -> String {
        match e {
            crate::model::Endpoint::Zone(z) => self.zone_name(z),
            crate::model::Endpoint::Entry(x) => self
                .project
                .entry_points
                .iter()
                .find(|p| p.id == x)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        }
    }
    /// A level as `3 高` / `3 high`.
    pub fn level(&self, l: crate::model::Level) -> String {
        format!(
            "{} {}",
            l.value(),
            if self.lang == Lang::Ja {
                l.ja()
            } else {
                l.en()
            }
        )
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

/// One part of the workbook, in sheet order. Tables carry a weight: heavier ones are started
/// first so that no long table is left for the end.
#[derive(Clone, Copy)]
enum Part {
    Table(Builder, u8),
    Diagram,
    Register,
    Summary,
}

/// The sheets between the cover and the hidden `_otzone` sheet, in order.
const PARTS: &[Part] = &[
    Part::Table(model_sheets::requirements, 0),
    Part::Table(model_sheets::businesses, 0),
    Part::Table(model_sheets::assets, 2),
    Part::Table(model_sheets::zones, 1),
    Part::Table(model_sheets::conduits, 0),
    Part::Diagram,
    Part::Table(model_sheets::threats, 1),
    Part::Register,
    Part::Summary,
    Part::Table(risk_sheets::attack_paths, 2),
    Part::Table(delivery::countermeasures, 0),
    Part::Table(delivery::responsibility, 0),
    Part::Table(delivery::inspection, 3),
    Part::Table(delivery::suppliers, 0),
    Part::Table(delivery::checklists, 0),
    Part::Table(delivery::network_impact, 0),
    Part::Table(delivery::ooda, 0),
    Part::Table(risk_sheets::findings, 0),
];

/// Register rows handed from the threads that build them to the one that writes them at a
/// time.
const REGISTER_CHUNK: usize = 1024;

/// What a part's job made.
enum Made {
    /// A table's worksheet and whether it has customer columns.
    Sheet(Result<Box<Worksheet>>, bool),
    Diagram(std::result::Result<Vec<u8>, String>),
}

/// Build the workbook in memory.
///
/// # Errors
/// [`Error::Export`] when the writer or a chart fails (e.g. no Japanese font for charts).
pub fn export(project: &Project, analysis: &Analysis, options: &ExportOptions) -> Result<Vec<u8>> {
    let err = xlsx;
    let ctx = Ctx::new(project, analysis, options.lang, &options.date);
    let mut wb = Workbook::new();
    // Deflate dominated the export time at level 6 (docs/benchmarks.md); level 1 writes a
    // somewhat larger file in a fraction of the time.
    wb.set_zip_compression_level(ZIP_LEVEL);
    let (y, m, d) = options.date.ymd();
    let created = ExcelDateTime::from_ymd(y as u16, m, d).map_err(&err)?;
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
    let f = Formats::new();
    f.register(&mut wb).map_err(&err)?;
    let responses: HashMap<&str, &CustomerResponse> = project
        .customer_responses
        .iter()
        .map(|r| (r.row_id.as_str(), r))
        .collect();
    // Every table goes into its own constant-memory worksheet (rows streamed to a temporary
    // file), made here because the workbook is not shared between threads, and the worksheets
    // are pushed to the workbook in sheet order at the end. Two kinds of work share the cores:
    // - the risk register (about half the cells of a large workbook): one thread writes it
    //   while the other builds its rows ahead in chunks (the writer builds a chunk itself when
    //   nobody else is at it);
    // - every other table (built, prepared and written by one thread) and the zone diagram:
    //   jobs taken from one queue, heaviest first, by whichever thread is free.
    let sheets: Vec<Mutex<Option<Worksheet>>> = PARTS
        .iter()
        .map(|p| match p {
            Part::Table(..) | Part::Register => Ok(Mutex::new(Some(
                wb.new_worksheet_with_constant_memory().map_err(&err)?,
            ))),
            Part::Diagram | Part::Summary => Ok(Mutex::new(None)),
        })
        .collect::<Result<_>>()?;
    let take_sheet = |i: usize| {
        lock(&sheets[i])
            .take()
            .expect("each worksheet is taken by one job")
    };
    let mut jobs: Vec<usize> = (0..PARTS.len())
        .filter(|&i| matches!(PARTS[i], Part::Table(..) | Part::Diagram))
        .collect();
    jobs.sort_by_key(|&i| match PARTS[i] {
        Part::Table(_, weight) => std::cmp::Reverse(weight),
        _ => std::cmp::Reverse(2),
    });
    let made: Vec<Mutex<Option<Made>>> = PARTS.iter().map(|_| Mutex::new(None)).collect();
    let next_job = AtomicUsize::new(0);
    let run_jobs = || {
        while let Some(&i) = jobs.get(next_job.fetch_add(1, Ordering::SeqCst)) {
            let out = match PARTS[i] {
                Part::Table(build, _) => {
                    let table = build(&ctx);
                    let customer = table.customer;
                    let ws = write_table(
                        take_sheet(i),
                        table,
                        &f,
                        ctx.lang,
                        &project.meta.name,
                        &responses,
                    );
                    Made::Sheet(ws.map(Box::new).map_err(&err), customer)
                }
                _ => Made::Diagram(crate::chart::zone_diagram(ctx.project, ctx.lang)),
            };
            *lock(&made[i]) = Some(out);
        }
    };
    let register_at = PARTS
        .iter()
        .position(|p| matches!(p, Part::Register))
        .expect("the register is a part");
    let register_head = risk_sheets::head(&ctx);
    let register_rows = risk_sheets::RegisterRows::new(&ctx);
    let risks = analysis.risks.len();
    let chunks = Pipeline::new(risks.div_ceil(REGISTER_CHUNK));
    let build_chunk = |i: usize| {
        let range = i * REGISTER_CHUNK..((i + 1) * REGISTER_CHUNK).min(risks);
        register_rows.prepared(&register_head, range)
    };
    let (register, ()) = rayon::join(
        || {
            let register = (|| {
                let mut w = TableWriter::new(
                    take_sheet(register_at),
                    &register_head,
                    &f,
                    ctx.lang,
                    &project.meta.name,
                    &responses,
                )?;
                for i in 0..chunks.len() {
                    w.write_rows(chunks.take(i, &build_chunk))?;
                }
                w.finish()
            })();
            run_jobs();
            register.map(Box::new).map_err(&err)
        },
        || {
            chunks.build_ahead(&build_chunk);
            run_jobs();
        },
    );
    *lock(&made[register_at]) = Some(Made::Sheet(register, register_head.customer));
    let mut sheet_names: Vec<(String, &'static str)> = Vec::new();
    cover::write(&mut wb, &ctx, &f, &sheet_list(&ctx)).map_err(&err)?;
    for (i, part) in PARTS.iter().enumerate() {
        match (part, lock(&made[i]).take()) {
            (Part::Summary, _) => risk_sheets::summary(&mut wb, &ctx, &f).map_err(chart)?,
            (_, Some(Made::Diagram(png))) => {
                model_sheets::diagram(&mut wb, &ctx, png.map_err(chart)?).map_err(chart)?;
            }
            (_, Some(Made::Sheet(ws, customer))) => {
                let ws = ws?;
                let kind = if customer { "customer" } else { "plain" };
                sheet_names.push((ws.name(), kind));
                wb.push_worksheet(*ws);
            }
            (_, None) => unreachable!("every job ran"),
        }
    }
    write_meta(&mut wb, &ctx, &sheet_names).map_err(&err)?;
    wb.save_to_buffer().map_err(&err)
}

/// Every table of the workbook (the sheets made of rows), for benchmarks and previews.
pub fn tables(project: &Project, analysis: &Analysis, options: &ExportOptions) -> Vec<Table> {
    let ctx = Ctx::new(project, analysis, options.lang, &options.date);
    PARTS
        .iter()
        .filter_map(|p| match p {
            Part::Table(build, _) => Some(build(&ctx)),
            Part::Register => Some(risk_sheets::register(&ctx)),
            Part::Diagram | Part::Summary => None,
        })
        .collect()
}

/// Row ids of every sheet with customer columns, by sheet name, as an export in `lang`
/// would write them (used to recognise rows that no longer exist).
pub fn customer_row_ids(
    project: &Project,
    analysis: &Analysis,
    lang: Lang,
) -> HashMap<String, std::collections::HashSet<String>> {
    let date = IsoDate::from_ymd(2000, 1, 1).expect("valid date");
    let ctx = Ctx::new(project, analysis, lang, &date);
    [
        model_sheets::businesses(&ctx),
        model_sheets::assets(&ctx),
        model_sheets::zones(&ctx),
        model_sheets::conduits(&ctx),
        risk_sheets::register(&ctx),
        delivery::countermeasures(&ctx),
        delivery::responsibility(&ctx),
        delivery::suppliers(&ctx),
        delivery::network_impact(&ctx),
        delivery::ooda(&ctx),
    ]
    .into_iter()
    .filter(|t| t.customer)
    .map(|t| (t.name, t.rows.into_iter().map(|(id, _)| id).collect()))
    .collect()
}

/// The sheets listed on the cover with the certification item each evidences.
fn sheet_list(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    [
        ("xl.sheet.requirements", "xl.item.risk"),
        ("xl.sheet.businesses", "xl.item.risk"),
        ("xl.sheet.assets", "xl.item.risk_config"),
        ("xl.sheet.zones", "xl.item.risk"),
        ("xl.sheet.conduits", "xl.item.risk_config"),
        ("xl.sheet.diagram", "xl.item.config"),
        ("xl.sheet.threats", "xl.item.risk"),
        ("xl.sheet.risks", "xl.item.risk"),
        ("xl.sheet.summary", "xl.item.risk"),
        ("xl.sheet.paths", "xl.item.risk"),
        ("xl.sheet.measures", "xl.item.risk"),
        ("xl.sheet.responsibility", "xl.item.risk_contract"),
        ("xl.sheet.inspection", "xl.item.inspection"),
        ("xl.sheet.suppliers", "xl.item.supply"),
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
        ws.write_string(i as u32, 1, v)?;
    }
    ws.set_hidden(true);
    Ok(())
}

/// Export to a file, atomically.
///
/// # Errors
/// As [`export`], plus [`Error::Io`].
pub fn export_to_file(
    path: &Path,
    project: &Project,
    analysis: &Analysis,
    options: &ExportOptions,
) -> Result<()> {
    let bytes = export(project, analysis, options).map_err(|e| e.in_file(path))?;
    crate::json::write_atomic(path, &bytes)
}

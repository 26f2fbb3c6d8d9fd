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
mod risk_sheets;

use super::sheet::{write_table, Formats, PreparedTable, Table};
use super::META_SHEET;
use crate::catalogue::Catalogue;
use crate::model::{CustomerResponse, IsoDate, Lang, Project};
use crate::risk::Analysis;
use crate::{i18n, Error, Location, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};
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
type Builders = &'static [fn(&Ctx<'_>) -> Table];
/// The tables before the zone diagram sheet.
const FIRST: Builders = &[
    model_sheets::requirements,
    model_sheets::businesses,
    model_sheets::assets,
    model_sheets::zones,
    model_sheets::conduits,
];
/// The threats and the risk register (about half the cells of a large workbook), before the
/// risk summary sheet.
const HEAVY: Builders = &[model_sheets::threats, risk_sheets::register];
/// The tables after the risk summary sheet.
const REST: Builders = &[
    risk_sheets::attack_paths,
    delivery::countermeasures,
    delivery::responsibility,
    delivery::inspection,
    delivery::suppliers,
    delivery::checklists,
    delivery::network_impact,
    delivery::ooda,
    risk_sheets::findings,
];

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
    let responses: HashMap<&str, &CustomerResponse> = project
        .customer_responses
        .iter()
        .map(|r| (r.row_id.as_str(), r))
        .collect();
    // Two phases on all cores. First the rows of every table are built and prepared (row
    // heights, hashes) and the zone diagram is drawn: the risk register and the threats on one
    // side, the rest on the other, the register's rows shared out by rayon. Then each table is
    // written into its own constant-memory worksheet (rows streamed to a temporary file): the
    // register on one side, all other tables on the other. The worksheets are pushed to the
    // workbook in sheet order afterwards.
    let build = |builders: Builders| -> Vec<PreparedTable> {
        builders.iter().map(|b| b(&ctx).prepare(ctx.lang)).collect()
    };
    let (heavy_tables, (first_tables, rest_tables, diagram_png)) = rayon::join(
        || build(HEAVY),
        || {
            (
                build(FIRST),
                build(REST),
                crate::chart::zone_diagram(ctx.project, ctx.lang),
            )
        },
    );
    let mut blank = |n: usize| -> Result<Vec<Worksheet>> {
        (0..n)
            .map(|_| wb.new_worksheet_with_constant_memory().map_err(&err))
            .collect()
    };
    let (first_ws, heavy_ws, rest_ws) = (
        blank(first_tables.len())?,
        blank(heavy_tables.len())?,
        blank(rest_tables.len())?,
    );
    let write = |tables: &[PreparedTable], sheets: Vec<Worksheet>| -> Result<Vec<Worksheet>> {
        tables
            .iter()
            .zip(sheets)
            .map(|(t, mut ws)| {
                write_table(&mut ws, t, &f, ctx.lang, &project.meta.name, &responses)
                    .map_err(&err)?;
                Ok(ws)
            })
            .collect()
    };
    let (heavy_ws, (first_ws, rest_ws)) = rayon::join(
        || write(&heavy_tables, heavy_ws),
        || (write(&first_tables, first_ws), write(&rest_tables, rest_ws)),
    );
    let mut sheet_names: Vec<(String, &'static str)> = Vec::new();
    let mut push = |wb: &mut Workbook, tables: &[PreparedTable], sheets: Vec<Worksheet>| {
        for (t, ws) in tables.iter().zip(sheets) {
            let kind = if t.table.customer {
                "customer"
            } else {
                "plain"
            };
            sheet_names.push((t.table.name.clone(), kind));
            wb.push_worksheet(ws);
        }
    };
    cover::write(&mut wb, &ctx, &f, &sheet_list(&ctx)).map_err(&err)?;
    push(&mut wb, &first_tables, first_ws?);
    model_sheets::diagram(&mut wb, &ctx, diagram_png.map_err(chart)?).map_err(chart)?;
    push(&mut wb, &heavy_tables, heavy_ws?);
    risk_sheets::summary(&mut wb, &ctx, &f).map_err(chart)?;
    push(&mut wb, &rest_tables, rest_ws?);
    write_meta(&mut wb, &ctx, &sheet_names).map_err(&err)?;
    wb.save_to_buffer().map_err(&err)
}

/// Every table of the workbook (the sheets made of rows), for benchmarks and previews.
pub fn tables(project: &Project, analysis: &Analysis, options: &ExportOptions) -> Vec<Table> {
    let ctx = Ctx::new(project, analysis, options.lang, &options.date);
    FIRST
        .iter()
        .chain(HEAVY)
        .chain(REST)
        .map(|build| build(&ctx))
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

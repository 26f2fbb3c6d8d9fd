//! 表紙 / Cover: project facts, method and references, the sheet list with the certification
//! item each sheet evidences, and the agreement block (合意欄) for SIer and customer.

use super::columns::Column;
use super::Ctx;
use crate::excel::sheet::{page_setup, row_height, wrapped_lines, write_text, Formats};
use rust_xlsxwriter::{Workbook, XlsxError};

pub(super) fn write(
    wb: &mut Workbook,
    ctx: &Ctx<'_>,
    f: &Formats,
    sheets: &[(String, String)],
) -> Result<(), XlsxError> {
    let name = ctx.t("xl.sheet.cover");
    let ws = wb.add_worksheet();
    ws.set_name(&name)?;
    page_setup(ws, &ctx.project.meta.name, &name, &ctx.print_note())?;
    // A4 landscape at full size (the columns are 136 units, 774 pt of the page's 776): the
    // facts and the sheet list, then the agreement block on a page of its own, so that the
    // page the parties sign lists what they sign.
    ws.set_print_scale(100);
    for (c, w) in COVER_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.write_string_with_format(0, 0, ctx.t("xl.doc_title"), f.title())?;
    ws.set_row_height(0, 26)?;
    let mut row = 2u32;
    for (k, v) in &facts(ctx) {
        ws.write_string_with_format(row, 0, k, f.label())?;
        write_text(ws, row, 1, v, f, ctx.lang)?;
        ws.set_row_height(row, row_height(wrapped_lines(v, COVER_WIDTHS[1])))?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, ctx.t("xl.cover.sheets"), f.label())?;
    ws.write_string_with_format(row, 1, ctx.t("xl.cover.evidences"), f.label())?;
    row += 1;
    for (sheet, item) in sheets {
        write_text(ws, row, 0, sheet, f, ctx.lang)?;
        write_text(ws, row, 1, item, f, ctx.lang)?;
        row += 1;
    }
    row += 1;
    ws.set_page_breaks(&[row])?;
    agreement(ws, ctx, f, row)?;
    ws.protect();
    ws.set_active(true);
    Ok(())
}

/// The project's facts, label and text: who, where, which version and baseline, when, by
/// which method and tolerable level, against which references and catalogue, how complete.
fn facts(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    let p = ctx.project;
    let method = ctx.catalogue.risk_method(&ctx.analysis.method);
    vec![
        (ctx.t("xl.cover.project"), p.meta.name.clone()),
        (ctx.t("xl.cover.customer"), p.meta.customer.clone()),
        (ctx.t("xl.cover.site"), p.meta.site.clone()),
        (ctx.t("xl.cover.sier"), p.meta.sier.clone()),
        (ctx.t("xl.cover.assessor"), p.meta.assessor.clone()),
        (ctx.t("xl.cover.scope"), p.meta.scope.clone()),
        (ctx.t("xl.cover.version"), p.meta.version.clone()),
        (ctx.t("xl.cover.baseline"), baseline_text(ctx)),
        (
            ctx.t("xl.cover.created"),
            p.meta
                .created
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        (ctx.t("xl.cover.exported"), ctx.date.to_string()),
        (ctx.t("xl.cover.project_id"), p.id.to_string()),
        (
            ctx.t("xl.cover.method"),
            method
                .map(|m| {
                    format!(
                        "{} ({}) — {} {}",
                        ctx.pick(&m.ja, &m.en),
                        m.id,
                        ctx.pick(&m.provenance_ja, &m.provenance_en),
                        ctx.t("method.proposal_note")
                    )
                })
                .unwrap_or_default(),
        ),
        (ctx.t("xl.cover.tolerable"), ctx.analysis.tolerable.clone()),
        (
            ctx.t("xl.cover.references"),
            ctx.t("xl.cover.references_text"),
        ),
        (ctx.t("xl.cover.catalogue"), ctx.catalogue.version.clone()),
        (ctx.t("xl.cover.steps"), steps_text(p)),
    ]
}

/// The agreement block from `row` on: its heading and statement, what the signature covers,
/// and a line for each party to sign (the cells left open for them).
fn agreement(
    ws: &mut rust_xlsxwriter::Worksheet,
    ctx: &Ctx<'_>,
    f: &Formats,
    mut row: u32,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, ctx.t("xl.cover.agreement"), f.title())?;
    ws.set_row_height(row, 26)?;
    row += 1;
    let text = ctx.t("xl.cover.agreement_text");
    ws.merge_range(row, 0, row, 4, &text, f.label())?;
    ws.set_row_height(
        row,
        row_height(wrapped_lines(&text, COVER_WIDTHS.iter().sum::<f64>())),
    )?;
    row += 1;
    // What the signature covers, by readable id: the residual risks above the tolerable level
    // accepted (受容), and the countermeasures the customer carries out.
    row = signed_scope(ws, ctx, f, row)?;
    let heads = [
        "xl.cover.party",
        "xl.cover.org_role",
        "xl.cover.name",
        "xl.cover.date",
        "xl.cover.signature",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, ctx.t(h), f.label())?;
    }
    row += 1;
    for party in [
        "xl.cover.party_customer",
        "xl.cover.party_sier",
        "xl.cover.party_vendor",
    ] {
        ws.write_string_with_format(row, 0, ctx.t(party), f.label())?;
        for c in 1..5u16 {
            ws.write_string_with_format(row, c, "", f.unlocked())?;
        }
        ws.set_row_height(row, 36)?;
        row += 1;
    }
    Ok(())
}

/// The cover's column widths: label, text, and three narrow columns (signature block).
const COVER_WIDTHS: [f64; 5] = [24.0, 64.0, 16.0, 16.0, 16.0];

/// How complete each guided step is, on one line: `1-1 100% · 1-2 100% · … · 3 67%`.
fn steps_text(p: &crate::model::Project) -> String {
    crate::steps::completion(p)
        .iter()
        .map(|s| format!("{} {}%", s.step, s.percent))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The baseline hash, and whether it is the last recorded version's.
fn baseline_text(ctx: &Ctx<'_>) -> String {
    let base = ctx.baseline();
    let state = match ctx.project.revisions.last() {
        None => ctx.t("xl.cover.baseline_unrecorded"),
        Some(r) if r.baseline == base => {
            crate::i18n::format(ctx.lang, "xl.cover.baseline_recorded", &[("v", &r.version)])
        }
        Some(r) => crate::i18n::format(ctx.lang, "xl.cover.baseline_changed", &[("v", &r.version)]),
    };
    format!("{base} ({state})")
}

/// Rows listed on the cover; the rest are counted with a pointer to the sheet that lists them
/// all.
const COVER_LIST_AT_MOST: usize = 60;

/// The order treatments are listed in on the cover (decisions a party signs first).
const TREATMENT_ORDER: [Option<crate::model::Treatment>; 5] = {
    use crate::model::Treatment;
    [
        Some(Treatment::Accept),
        Some(Treatment::Transfer),
        Some(Treatment::Avoid),
        Some(Treatment::Reduce),
        None,
    ]
};

/// What the signature covers, by readable id: every residual risk above the tolerable level
/// with its treatment (accepted, transferred, avoided, to be reduced by a date, undecided), the
/// measures the decision relies on with their status, and what the risk stays at if the
/// customer's or vendors' measures are not carried out; then the countermeasures the customer
/// carries out or operates.
fn signed_scope(
    ws: &mut rust_xlsxwriter::Worksheet,
    ctx: &Ctx<'_>,
    f: &Formats,
    row: u32,
) -> Result<u32, XlsxError> {
    let row = above_tolerable(ws, ctx, f, row)?;
    let row = customer_measures(ws, ctx, f, row)?;
    Ok(row + 1)
}

/// The risks above the tolerable level, in [`TREATMENT_ORDER`], with the decision on each.
fn above_tolerable(
    ws: &mut rust_xlsxwriter::Worksheet,
    ctx: &Ctx<'_>,
    f: &Formats,
    row: u32,
) -> Result<u32, XlsxError> {
    use crate::model::Treatment;
    use crate::risk::register::RiskRow;
    type C<'c, 'r> = Column<'c, &'r RiskRow>;
    let above: Vec<&RiskRow> = ctx
        .analysis
        .risks
        .iter()
        .map(|r| &**r)
        .filter(|r| !r.tolerable)
        .collect();
    let treatment = |r: &RiskRow| r.decision.as_ref().and_then(|d| d.treatment);
    let count = |t: Option<Treatment>| above.iter().filter(|r| treatment(r) == t).count();
    let heading = crate::i18n::format(
        ctx.lang,
        "xl.cover.above_risks",
        &[
            ("n", &above.len().to_string()),
            ("tol", &ctx.analysis.tolerable),
            ("accept", &count(Some(Treatment::Accept)).to_string()),
            ("reduce", &count(Some(Treatment::Reduce)).to_string()),
            ("transfer", &count(Some(Treatment::Transfer)).to_string()),
            ("avoid", &count(Some(Treatment::Avoid)).to_string()),
            ("open", &count(None).to_string()),
        ],
    );
    let columns: Vec<C> = vec![
        C::new(ctx, "xl.col.ref", COVER_WIDTHS[0], |r| {
            let number = ctx.ids.assets.get(&r.asset).map_or(0, |a| a.number);
            crate::model::numbering::risk_label(number, &r.threat).into()
        }),
        C::new(ctx, "xl.cover.treated_what", COVER_WIDTHS[1], |r| {
            treated_what(ctx, r).into()
        }),
        C::new(ctx, "xl.col.residual", COVER_WIDTHS[2], |r| {
            r.residual.risk.value.as_ref().into()
        }),
        C::new(ctx, "xl.cover.unless_others", COVER_WIDTHS[3], |r| {
            r.unless_others
                .as_ref()
                .map(|u| u.risk.value.to_string())
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.cover.owner_due", COVER_WIDTHS[4], |r| {
            let d = r.decision.as_deref();
            [
                d.map(|d| d.owner.clone()).unwrap_or_default(),
                d.and_then(|d| d.due.as_ref())
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
            .into()
        }),
    ];
    let listed: Vec<&RiskRow> = TREATMENT_ORDER
        .iter()
        .flat_map(|t| above.iter().copied().filter(move |r| treatment(r) == *t))
        .collect();
    let list = CoverList {
        heading,
        heading_wraps: true,
        min_lines: 2,
        rest_in: "xl.sheet.risks",
    };
    list.write(ws, ctx, f, row, &columns, &listed)
}

/// What a risk above the tolerable level is and what was decided: the asset and threat, the
/// verdict and why, and the measures the decision relies on (with their status).
fn treated_what(ctx: &Ctx<'_>, r: &crate::risk::register::RiskRow) -> String {
    let p = ctx.project;
    let label = |id: crate::id::MeasureId| {
        ctx.ids.measures.get(&id).map(|m| {
            format!(
                "{} {} ({})",
                crate::model::numbering::measure_label(m.number),
                m.measure,
                ctx.t(&format!("status.{}", m.status.key()))
            )
        })
    };
    let a = ctx.ids.assets.get(&r.asset);
    let d = r.decision.as_deref();
    let verdict = ctx.t(&format!(
        "xl.treatment.{}",
        d.and_then(|d| d.treatment).map_or_else(
            || "undecided".to_owned(),
            |t| super::model_sheets::serde_key(&t)
        )
    ));
    let mut what = format!(
        "{} · {} {} — {verdict}",
        a.map_or("", |a| a.name.as_str()),
        r.threat,
        ctx.catalogue
            .threat(p, &r.threat)
            .map_or(String::new(), |t| ctx.pick(&t.ja, &t.en).to_owned()),
    );
    if let Some(j) = d
        .map(|d| d.justification.as_str())
        .filter(|j| !j.is_empty())
    {
        what.push_str(ctx.pick(": ", ": "));
        what.push_str(j);
    }
    let relies: Vec<String> = d
        .map(|d| d.relies_on.iter().filter_map(|m| label(*m)).collect())
        .unwrap_or_default();
    if !relies.is_empty() {
        what.push('\n');
        what.push_str(&crate::i18n::format(
            ctx.lang,
            "xl.cover.relies",
            &[("measures", &relies.join(ctx.pick("、", ", ")))],
        ));
    }
    what
}

/// The customer's part: measures it carries out (alone or shared) or operates after delivery.
fn customer_measures(
    ws: &mut rust_xlsxwriter::Worksheet,
    ctx: &Ctx<'_>,
    f: &Formats,
    row: u32,
) -> Result<u32, XlsxError> {
    use crate::model::{Countermeasure, Responsibility};
    type C<'c> = Column<'c, (&'c Countermeasure, &'static str)>;
    let p = ctx.project;
    let role = |m: &Countermeasure| -> Option<&'static str> {
        match m.responsibility {
            Some(Responsibility::Customer) => Some("xl.cover.role_do"),
            Some(Responsibility::Shared) if m.shared_with.contains(&Responsibility::Customer) => {
                Some("xl.cover.role_share")
            }
            _ if m.operator == Some(Responsibility::Customer) => Some("xl.cover.role_operate"),
            _ => None,
        }
    };
    let customer: Vec<(&Countermeasure, &'static str)> = p
        .countermeasures
        .iter()
        .filter(|m| m.status != crate::model::MeasureStatus::Rejected)
        .filter_map(|m| role(m).map(|r| (m, r)))
        .collect();
    let columns: Vec<C> = vec![
        C::new(ctx, "xl.col.ref", COVER_WIDTHS[0], |(m, _)| {
            crate::model::numbering::measure_label(m.number).into()
        }),
        C::new(ctx, "xl.col.measure", COVER_WIDTHS[1], |(m, _)| {
            format!(
                "{} {}{}",
                m.measure,
                ctx.catalogue
                    .measure(p, &m.measure)
                    .map_or(String::new(), |c| ctx.pick(&c.ja, &c.en).to_owned()),
                if m.detail.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", m.detail)
                }
            )
            .into()
        }),
        C::new(ctx, "xl.col.status", COVER_WIDTHS[2], |(m, _)| {
            ctx.t(&format!("status.{}", m.status.key())).into()
        }),
        C::new(ctx, "xl.cover.role", COVER_WIDTHS[3], |(_, role)| {
            ctx.t(role).into()
        }),
        C::new(ctx, "xl.col.due", COVER_WIDTHS[4], |(m, _)| {
            m.due
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
                .into()
        }),
    ];
    let list = CoverList {
        heading: crate::i18n::format(
            ctx.lang,
            "xl.cover.customer_measures",
            &[("n", &customer.len().to_string())],
        ),
        heading_wraps: false,
        min_lines: 1,
        rest_in: "xl.sheet.responsibility",
    };
    list.write(ws, ctx, f, row, &columns, &customer)
}

/// A list in the agreement block: its heading, the columns' headers (when there are items),
/// at most [`COVER_LIST_AT_MOST`] items in the cover's five columns (each row as high as its
/// second column's text), and how many more the sheet `rest_in` lists.
struct CoverList {
    heading: String,
    /// The heading's row is as high as its text wraps to.
    heading_wraps: bool,
    /// Lines each row (and the header) is high at least.
    min_lines: usize,
    rest_in: &'static str,
}

impl CoverList {
    fn write<T>(
        &self,
        ws: &mut rust_xlsxwriter::Worksheet,
        ctx: &Ctx<'_>,
        f: &Formats,
        mut row: u32,
        columns: &[Column<'_, T>],
        items: &[T],
    ) -> Result<u32, XlsxError> {
        ws.merge_range(row, 0, row, 4, &self.heading, f.label())?;
        if self.heading_wraps {
            let width = COVER_WIDTHS.iter().sum::<f64>();
            ws.set_row_height(row, row_height(wrapped_lines(&self.heading, width)))?;
        }
        row += 1;
        if !items.is_empty() {
            for (c, column) in columns.iter().enumerate() {
                ws.write_string_with_format(row, c as u16, column.header(), f.label())?;
            }
            if self.min_lines > 1 {
                ws.set_row_height(row, row_height(self.min_lines))?;
            }
            row += 1;
        }
        for item in items.iter().take(COVER_LIST_AT_MOST) {
            let cells: Vec<String> = columns.iter().map(|c| c.cell(item).text()).collect();
            for (c, text) in cells.iter().enumerate() {
                write_text(ws, row, c as u16, text, f, ctx.lang)?;
            }
            let lines = wrapped_lines(&cells[1], COVER_WIDTHS[1]).max(self.min_lines);
            ws.set_row_height(row, row_height(lines))?;
            row += 1;
        }
        if items.len() > COVER_LIST_AT_MOST {
            let more = crate::i18n::format(
                ctx.lang,
                "xl.cover.more_in",
                &[
                    ("n", &(items.len() - COVER_LIST_AT_MOST).to_string()),
                    ("sheet", &ctx.t(self.rest_in)),
                ],
            );
            ws.merge_range(row, 0, row, 4, &more, f.label())?;
            row += 1;
        }
        Ok(row)
    }
}

//! 表紙 / Cover: project facts, method and references, the sheet list with the certification
//! item each sheet evidences, and the agreement block (合意欄) for SIer and customer.

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
    page_setup(ws, &ctx.project.meta.name, &name)?;
    // The facts, the sheet list and the agreement block with its signatures are one page.
    ws.set_print_fit_to_pages(1, 1);
    ws.set_column_width(0, 26)?;
    ws.set_column_width(1, 70)?;
    ws.set_column_width(2, 18)?;
    ws.set_column_width(3, 18)?;
    ws.set_column_width(4, 18)?;
    ws.write_string_with_format(0, 0, ctx.t("xl.doc_title"), f.title())?;
    ws.set_row_height(0, 26)?;
    let p = ctx.project;
    let method = ctx.catalogue.risk_method(&ctx.analysis.method);
    let facts: Vec<(String, String)> = vec![
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
    ];
    let mut row = 2u32;
    for (k, v) in &facts {
        ws.write_string_with_format(row, 0, k, f.label())?;
        write_text(ws, row, 1, v, f, ctx.lang)?;
        ws.set_row_height(row, row_height(wrapped_lines(v, 70.0)))?;
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
    ws.write_string_with_format(row, 0, ctx.t("xl.cover.agreement"), f.title())?;
    ws.set_row_height(row, 26)?;
    row += 1;
    let text = ctx.t("xl.cover.agreement_text");
    ws.merge_range(row, 0, row, 4, &text, f.label())?;
    ws.set_row_height(row, row_height(wrapped_lines(&text, 148.0)))?;
    row += 1;
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
    ws.protect();
    ws.set_active(true);
    Ok(())
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

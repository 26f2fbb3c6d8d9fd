//! セキュリティリスク評価: the register (inherent, planned, residual, explanation, treatment),
//! the summary with charts, attack paths and validation findings.

use super::columns::cols;
use super::model_sheets::serde_key;
use super::Ctx;
use crate::excel::sheet::{id_width, page_setup, write_text, Cell, Formats, Table};
use crate::excel::sheet_xml::Rows;
use crate::id::{AssetId, MeasureId};
use crate::model::{Countermeasure, Lang};
use crate::risk::coverage::State;
use crate::risk::register::RiskRow;
use rust_xlsxwriter::{Image, Workbook};
use std::collections::HashMap;

/// What every register row looks up, worked out once: the asset's name and type by asset, the label of
/// each countermeasure, threat names and the fixed words.
pub(super) struct RegisterRows<'a> {
    ctx: &'a Ctx<'a>,
    assets: HashMap<AssetId, ([&'a str; 2], u32)>,
    measures: HashMap<MeasureId, &'a Countermeasure>,
    businesses: HashMap<crate::id::BusinessId, &'a str>,
    measure_labels: HashMap<MeasureId, String>,
    threat_names: HashMap<&'a str, String>,
    yes_no: [String; 2],
}

impl<'a> RegisterRows<'a> {
    pub(super) fn new(ctx: &'a Ctx<'a>) -> Self {
        let p = ctx.project;
        let assets = p
            .assets
            .iter()
            .map(|a| {
                let kind = ctx
                    .catalogue
                    .asset_type(&a.asset_type)
                    .map(|t| ctx.pick(&t.ja, &t.en))
                    .unwrap_or("");
                (a.id, ([a.name.as_str(), kind], a.number))
            })
            .collect();
        Self {
            ctx,
            assets,
            measures: p.countermeasures.iter().map(|m| (m.id, m)).collect(),
            businesses: p
                .businesses
                .iter()
                .map(|b| (b.id, b.name.as_str()))
                .collect(),
            measure_labels: p
                .countermeasures
                .iter()
                .map(|m| {
                    (
                        m.id,
                        format!(
                            "{} {} ({})",
                            crate::model::numbering::measure_label(m.number),
                            m.measure,
                            m.status.label(ctx.lang)
                        ),
                    )
                })
                .collect(),
            threat_names: ctx
                .catalogue
                .threats
                .iter()
                .map(|t| t.id.as_str())
                .chain(p.custom.threats.iter().map(|t| t.id.as_str()))
                .filter_map(|id| {
                    let t = ctx.catalogue.threat(p, id)?;
                    Some((id, ctx.pick(&t.ja, &t.en).to_owned()))
                })
                .collect(),
            yes_no: [ctx.t("xl.yes"), ctx.t("xl.no")],
        }
    }

    /// Row `i` of the register's 別紙: its number, asset and threat, and how each state's
    /// figure was reached.
    fn basis_row(&self, _i: usize, r: &RiskRow) -> (String, Vec<Cell>) {
        let ([asset, _], number) = self.assets.get(&r.asset).copied().unwrap_or((["", ""], 0));
        let measure = |id| self.measures.get(&id).copied();
        let threat = format!(
            "{} {}",
            r.threat,
            self.threat_names.get(&*r.threat).map_or("", String::as_str)
        );
        let cells: Vec<Cell> = vec![
            crate::model::numbering::risk_label(number, &r.threat).into(),
            asset.into(),
            threat.into(),
            r.residual.risk.value.to_string().into(),
            r.explain_with(State::Residual, self.ctx.lang, &measure)
                .into(),
            r.unless_others_text(self.ctx.lang, &|m| self.measure_labels.get(&m).cloned())
                .unwrap_or_default()
                .into(),
        ];
        (r.id.clone(), cells)
    }

    /// Row `i` of the register.
    fn row(&self, _i: usize, r: &RiskRow) -> (String, Vec<Cell>) {
        let ctx = self.ctx;
        let ([asset, kind], number) = self.assets.get(&r.asset).copied().unwrap_or((["", ""], 0));
        let zone = ctx.ids.zone_names.get(&r.zone).copied().unwrap_or("");
        let mut measure_list = String::new();
        for label in r
            .planned
            .measures
            .iter()
            .filter_map(|m| self.measure_labels.get(m))
        {
            if !measure_list.is_empty() {
                measure_list.push('\n');
            }
            measure_list.push_str(label);
        }
        let decision = r.decision.as_ref();
        // The business the row's importance came from: the one scoring the deciding criterion
        // when the threat's impacts decided, else the asset's (or how it was set).
        let crit = |c: crate::model::Criterion| ctx.t(&format!("criterion.{}", c.key()));
        let basis = match r.impact.basis {
            crate::risk::impact::ImpactBasis::Limited {
                criterion,
                source: crate::risk::impact::CriterionSource::Business { business },
                ..
            } => format!(
                "{}({})",
                self.businesses.get(&business).copied().unwrap_or_default(),
                crit(criterion)
            ),
            crate::risk::impact::ImpactBasis::Limited {
                source: crate::risk::impact::CriterionSource::Override,
                ..
            } => ctx.t("xl.importance.override"),
            crate::risk::impact::ImpactBasis::Limited {
                criterion,
                source: crate::risk::impact::CriterionSource::Unscored,
                ..
            } => crate::i18n::format(
                ctx.lang,
                "xl.importance.unscored",
                &[("criterion", &crit(criterion))],
            ),
            crate::risk::impact::ImpactBasis::NotRecorded => match &r.importance.basis {
                crate::derive::ImportanceBasis::Business {
                    name, criterion, ..
                } => format!(
                    "{name}({})",
                    ctx.t(&format!("criterion.{}", criterion.key()))
                ),
                crate::derive::ImportanceBasis::Override { .. } => ctx.t("xl.importance.override"),
                crate::derive::ImportanceBasis::Default => ctx.t("xl.importance.default"),
            },
        };
        let cells: Vec<Cell> = vec![
            crate::model::numbering::risk_label(number, &r.threat).into(),
            zone.into(),
            asset.into(),
            kind.into(),
            r.residual.importance.value().into(),
            basis.into(),
            (&*r.threat).into(),
            self.threat_names
                .get(&*r.threat)
                .map_or("", String::as_str)
                .into(),
            r.residual.threat.value().into(),
            measure_list.into(),
            r.residual.countermeasure.value().into(),
            r.residual.vulnerability.value().into(),
            r.inherent.risk.value.to_string().into(),
            r.planned.risk.value.to_string().into(),
            r.residual.risk.value.to_string().into(),
            self.yes_no[usize::from(!r.tolerable)].as_str().into(),
            // What the residual risk stays at if the customer's and vendors' measures are not
            // carried out (empty when none counts for the row).
            r.unless_others
                .as_ref()
                .map(|a| a.risk.value.to_string())
                .unwrap_or_default()
                .into(),
            decision
                .and_then(|d| d.treatment)
                .map(|t| ctx.t(&format!("xl.treatment.{}", serde_key(&t))))
                .unwrap_or_default()
                .into(),
            decision
                .map(|d| d.justification.clone())
                .unwrap_or_default()
                .into(),
            decision.map(|d| d.owner.clone()).unwrap_or_default().into(),
            decision
                .and_then(|d| d.due.as_ref())
                .map(|d| d.to_string())
                .unwrap_or_default()
                .into(),
            {
                let mut parties = String::new();
                for label in r.parties.iter().map(|x| x.label(ctx.lang)) {
                    if !parties.is_empty() {
                        parties.push('、');
                    }
                    parties.push_str(label);
                }
                parties.into()
            },
        ];
        (r.id.clone(), cells)
    }
}

/// The register's sheet name, columns and options, without rows.
pub(super) fn head(ctx: &Ctx<'_>) -> Table {
    Table {
        name: ctx.t("xl.sheet.risks"),
        cols: cols(
            ctx,
            &[
                ("xl.col.ref", 10.0),
                ("xl.col.zone", 14.0),
                ("xl.col.asset", 16.0),
                ("xl.col.asset_type", 12.0),
                ("xl.col.importance", 6.0),
                ("xl.col.importance_business", 14.0),
                ("xl.col.threat_id", 6.0),
                ("xl.col.threat", 22.0),
                ("xl.col.threat_level", 6.0),
                ("xl.col.measures", 22.0),
                ("xl.col.countermeasure_level", 6.0),
                ("xl.col.vulnerability", 6.0),
                ("xl.col.inherent", 6.0),
                ("xl.col.planned", 6.0),
                ("xl.col.residual", 6.0),
                ("xl.col.tolerable", 6.0),
                ("xl.col.unless_others", 10.0),
                ("xl.col.treatment", 8.0),
                ("xl.col.justification", 22.0),
                ("xl.col.risk_owner", 11.0),
                ("xl.col.due", 11.0),
                ("xl.col.parties", 11.0),
            ],
        ),
        rows: Vec::new(),
        customer: true,
        // リスク対応: the treatment (a drop-down), its justification, owner and due date are
        // the customer's to decide with the SIer; read back by excel::treatment.
        editable: vec![
            (17, Some(crate::excel::treatment::choices(ctx.lang))),
            (18, None),
            (19, None),
            (20, None),
        ],
    }
}

/// The register's 別紙 (リスク算定根拠): sheet name and columns, without rows. It is a
/// reference for the register (same numbers), not a sheet the customer answers on.
pub(super) fn basis_head(ctx: &Ctx<'_>) -> Table {
    Table {
        name: ctx.t("xl.sheet.basis"),
        cols: cols(
            ctx,
            &[
                ("xl.col.ref", 10.0),
                ("xl.col.asset", 18.0),
                ("xl.col.threat", 26.0),
                ("xl.col.residual", 6.0),
                ("xl.col.explanation", 80.0),
                ("xl.col.unless_others_basis", 40.0),
            ],
        ),
        rows: Vec::new(),
        customer: false,
        editable: vec![],
    }
}

/// The 別紙's rows, made on demand.
pub(super) fn basis_rows<'a>(ctx: &'a Ctx<'a>) -> Rows<'a> {
    made_rows(ctx, |rows, i, r| rows.basis_row(i, r))
}

/// The whole 別紙 as one table.
pub(super) fn basis(ctx: &Ctx<'_>) -> Table {
    built_rows(ctx, |rows, i, r| rows.basis_row(i, r), basis_head(ctx))
}

/// One row of the register or its 別紙 from a register row.
type RowOf = for<'r> fn(&RegisterRows<'r>, usize, &RiskRow) -> (String, Vec<Cell>);

/// Rows made one by one as the sheet is written (never all in memory).
fn made_rows<'a>(ctx: &'a Ctx<'a>, row: RowOf) -> Rows<'a> {
    let rows = RegisterRows::new(ctx);
    Rows::Made {
        len: ctx.analysis.risks.len(),
        row: Box::new(move |i| row(&rows, i, &ctx.analysis.risks[i])),
    }
}

/// Every row made at once, on all cores, into the table `head` describes.
fn built_rows(ctx: &Ctx<'_>, row: RowOf, head: Table) -> Table {
    use rayon::prelude::*;
    let rows = RegisterRows::new(ctx);
    Table {
        rows: ctx
            .analysis
            .risks
            .par_iter()
            .with_min_len(256)
            .enumerate()
            .map(|(i, r)| row(&rows, i, r))
            .collect(),
        ..head
    }
}

/// The register's rows, made on demand (for [`crate::excel::sheet_xml::RowsXml::write_rows`]).
pub(super) fn register_rows<'a>(ctx: &'a Ctx<'a>) -> Rows<'a> {
    made_rows(ctx, |rows, i, r| rows.row(i, r))
}

/// Rows of the register, and the display width of its widest row id, without making the rows.
pub(super) fn register_extent(ctx: &Ctx<'_>) -> (u32, f64) {
    let risks = &ctx.analysis.risks;
    (
        risks.len() as u32,
        id_width(risks.iter().map(|r| r.id.as_str())),
    )
}

/// The whole register as one table.
pub(super) fn register(ctx: &Ctx<'_>) -> Table {
    built_rows(ctx, |rows, i, r| rows.row(i, r), head(ctx))
}

pub(super) fn summary(wb: &mut Workbook, ctx: &Ctx<'_>, f: &Formats) -> Result<(), String> {
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let name = ctx.t("xl.sheet.summary");
    let a = ctx.analysis;
    let heat = crate::chart::heatmap(&a.rollups.heatmaps, a.values.len(), ctx.lang)?;
    let by_zone = crate::chart::risk_by_zone(ctx.project, &a.rollups.zones, &a.values, ctx.lang)?;
    let ws = wb.add_worksheet();
    ws.set_name(&name).map_err(e)?;
    page_setup(ws, &ctx.project.meta.name, &name, &ctx.print_note()).map_err(e)?;
    // The counts and both charts belong on one printed page.
    ws.set_print_fit_to_pages(1, 1);
    ws.set_column_width(0, 22).map_err(e)?;
    for c in 1..=6 {
        ws.set_column_width(c, 10).map_err(e)?;
    }
    ws.write_string_with_format(0, 0, ctx.t("xl.sheet.summary"), f.title())
        .map_err(e)?;
    ws.set_row_height(0, 26).map_err(e)?;
    ws.write_string_with_format(2, 0, ctx.t("xl.col.state"), f.label())
        .map_err(e)?;
    for (i, v) in a.values.iter().enumerate() {
        ws.write_string_with_format(2, i as u16 + 1, v, f.label())
            .map_err(e)?;
    }
    for (r, (key, counts)) in [
        ("state.inherent", &a.rollups.total.inherent),
        ("state.planned", &a.rollups.total.planned),
        ("state.residual", &a.rollups.total.residual),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(3 + r as u32, 0, ctx.t(key)).map_err(e)?;
        for (i, n) in counts.iter().enumerate() {
            ws.write_number(3 + r as u32, i as u16 + 1, *n as f64)
                .map_err(e)?;
        }
    }
    let method = ctx.catalogue.risk_method(&a.method);
    let note = method
        .map(|m| {
            format!(
                "{}: {} {}",
                ctx.pick(&m.ja, &m.en),
                ctx.pick(&m.provenance_ja, &m.provenance_en),
                ctx.t("method.proposal_note")
            )
        })
        .unwrap_or_default();
    write_text(ws, 7, 0, &note, f, ctx.lang).map_err(e)?;
    ws.merge_range(7, 0, 7, 6, &note, f.label()).map_err(e)?;
    ws.set_row_height(7, 78).map_err(e)?;
    let img = Image::new_from_buffer(&heat)
        .map_err(e)?
        .set_alt_text(ctx.t("xl.chart.heatmap"));
    ws.insert_image(9, 0, &img).map_err(e)?;
    let img = Image::new_from_buffer(&by_zone)
        .map_err(e)?
        .set_alt_text(ctx.t("xl.chart.by_zone"));
    ws.insert_image(33, 0, &img).map_err(e)?;
    Ok(())
}

/// 脅威の適用判断: the (threat, asset) pairs of the zones' threats decided by a rule other
/// than the catalogue's asset classes — support end against the assessment horizon, support
/// end unknown (要確認), the analyst's per-asset decision — both those with a register row and
/// those left out, each with its reason, for the customer to agree to.
pub(super) fn applicability(ctx: &Ctx<'_>) -> Table {
    let p = ctx.project;
    let assets: HashMap<AssetId, &str> = p.assets.iter().map(|a| (a.id, a.name.as_str())).collect();
    let threat_name = |id: &str| {
        ctx.catalogue
            .threat(p, id)
            .map(|t| {
                if ctx.lang == Lang::Ja {
                    format!("{id} {}", t.ja)
                } else {
                    format!("{id} {}", t.en)
                }
            })
            .unwrap_or_else(|| id.to_owned())
    };
    let row = |id: &str, threat: &str, asset: AssetId, zone, verdict: &str, why: String| {
        let cells: Vec<Cell> = vec![
            threat_name(threat).into(),
            assets.get(&asset).copied().unwrap_or_default().into(),
            ctx.zone_name(zone).into(),
            verdict.into(),
            why.into(),
            // The customer's change and its reason, empty as sent.
            Cell::Empty,
            Cell::Empty,
        ];
        // Its own row id: the customer agrees to the decision, apart from the register row.
        (format!("applicability:{id}"), cells)
    };
    let mut rows: Vec<(String, Vec<Cell>)> = ctx
        .analysis
        .risks
        .iter()
        .filter(|r| r.applicability != crate::risk::applicability::Applies::Catalogue)
        .map(|r| {
            let verdict = if r.applicability.needs_check() {
                ctx.t("xl.applicability.check")
            } else {
                ctx.t("xl.applicability.applies")
            };
            row(
                &r.id,
                &r.threat,
                r.asset,
                r.zone,
                &verdict,
                r.applicability.explain(ctx.lang),
            )
        })
        .collect();
    rows.extend(ctx.analysis.exclusions.iter().map(|x| {
        row(
            &x.id,
            &x.threat,
            x.asset,
            x.zone,
            &ctx.t("xl.applicability.excluded"),
            x.reason.explain(ctx.lang),
        )
    }));
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Table {
        name: ctx.t("xl.sheet.applicability"),
        cols: cols(
            ctx,
            &[
                ("xl.col.threat", 30.0),
                ("xl.col.asset", 22.0),
                ("xl.col.zone", 18.0),
                ("xl.col.applicability", 12.0),
                ("xl.col.applicability_reason", 40.0),
                ("xl.col.applicability_change", 12.0),
                ("xl.col.applicability_change_reason", 30.0),
            ],
        ),
        rows,
        customer: true,
        // The decision as sent stays locked (in the row hash); the customer may ask for the
        // other decision (適用 / 対象外) in the change column and must then write why.
        editable: vec![
            (
                APPLICABILITY_CHANGE,
                Some(vec![
                    ctx.t("xl.applicability.applies"),
                    ctx.t("xl.applicability.excluded"),
                ]),
            ),
            (APPLICABILITY_CHANGE + 1, None),
        ],
    }
}

/// Content column (0-based, after the id) of the customer's change on 脅威の適用判断; its
/// reason follows.
pub(crate) const APPLICABILITY_CHANGE: usize = 5;

pub(super) fn attack_paths(ctx: &Ctx<'_>) -> Table {
    let p = ctx.project;
    let names: std::collections::HashMap<_, &str> =
        p.assets.iter().map(|a| (a.id, a.name.as_str())).collect();
    let conduit_names: std::collections::HashMap<_, &str> =
        p.conduits.iter().map(|c| (c.id, c.name.as_str())).collect();
    let route_names = crate::graph::route::RouteNames::new(p, ctx.catalogue);
    let rows = ctx
        .analysis
        .attack_paths
        .iter()
        .map(|ap| {
            let entry = p
                .entry_points
                .iter()
                .find(|e| e.id == ap.entry)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            // Each shortest route hop by hop: the conduit and channel that carried it.
            let route = ap
                .shortest
                .iter()
                .map(|s| {
                    crate::graph::route::describe_route(
                        p,
                        &route_names,
                        &entry,
                        s.zones.iter().map(|z| ctx.zone_name(*z)).zip(s.hops()),
                        ctx.lang,
                    )
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            let cells: Vec<Cell> = vec![
                entry.into(),
                ctx.t(&format!("entry.{}", ap.entry_kind.key())).into(),
                ctx.zone_name(ap.target_zone).into(),
                ap.targets
                    .iter()
                    .filter_map(|a| names.get(a).copied())
                    .collect::<Vec<_>>()
                    .join("、")
                    .into(),
                if ap.reachable {
                    ctx.t("xl.yes")
                } else {
                    ctx.t("xl.no")
                }
                .into(),
                ap.hops.map_or(Cell::Empty, |h| Cell::Num(f64::from(h))),
                format!("{}{}", ap.simple_paths, if ap.complete { "" } else { "+" }).into(),
                route.into(),
                ap.unprotected_conduits
                    .iter()
                    .filter_map(|c| conduit_names.get(c).copied())
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into(),
            ];
            (format!("{}>{}", ap.entry, ap.target_zone), cells)
        })
        .collect();
    Table {
        name: ctx.t("xl.sheet.paths"),
        cols: cols(
            ctx,
            &[
                ("xl.col.entry", 20.0),
                ("xl.col.entry_kind", 14.0),
                ("xl.col.target_zone", 18.0),
                ("xl.col.targets", 26.0),
                ("xl.col.reachable", 7.0),
                ("xl.col.hops", 6.0),
                ("xl.col.paths", 7.0),
                ("xl.col.route", 50.0),
                ("xl.col.unprotected", 26.0),
            ],
        ),
        rows,
        customer: false,
        editable: vec![],
    }
}

/// 攻撃シナリオ(事業被害ベース, IPA): per business damage, the candidate attack trees from each
/// entry point to the target's zone, step by step, with the tree's figures in the inherent,
/// planned and residual states; trees the analyst pruned are listed and marked.
pub(super) fn scenarios(ctx: &Ctx<'_>) -> Table {
    let p = ctx.project;
    let damages: std::collections::HashMap<_, _> = p.damages.iter().map(|d| (d.id, d)).collect();
    let assets: std::collections::HashMap<_, &str> =
        p.assets.iter().map(|a| (a.id, a.name.as_str())).collect();
    let entries: std::collections::HashMap<_, &str> = p
        .entry_points
        .iter()
        .map(|e| (e.id, e.name.as_str()))
        .collect();
    let route_names = crate::graph::route::RouteNames::new(p, ctx.catalogue);
    let rows = ctx
        .analysis
        .scenarios
        .iter()
        .map(|tree| {
            let damage = damages.get(&tree.damage);
            let entry = entries.get(&tree.entry).copied().unwrap_or_default();
            // 侵入口 → zone (conduit and channel) → …, one line per step.
            let mut route = crate::graph::route::describe_route(
                p,
                &route_names,
                entry,
                tree.steps.iter().map(|s| (ctx.zone_name(s.zone), &s.hop)),
                ctx.lang,
            );
            if tree.response_hop {
                route.push('\n');
                route.push_str(&ctx.t("scenario.response_hop"));
            }
            let cells: Vec<Cell> = vec![
                damage.map_or("", |d| d.name.as_str()).into(),
                damage.map_or(Cell::Empty, |d| ctx.level(d.level).into()),
                damage
                    .and_then(|d| assets.get(&d.target).copied())
                    .unwrap_or_default()
                    .into(),
                entry.into(),
                ctx.level(tree.threat).into(),
                route.into(),
                damage.map_or("", |d| d.final_attack.as_str()).into(),
                tree.inherent.risk.value.as_ref().into(),
                tree.planned.risk.value.as_ref().into(),
                tree.residual.risk.value.as_ref().into(),
                ctx.level(tree.residual.countermeasure).into(),
                if tree.pruned {
                    ctx.t("xl.scenario.pruned")
                } else {
                    String::new()
                }
                .into(),
            ];
            (tree.key.clone(), cells)
        })
        .collect();
    Table {
        name: ctx.t("xl.sheet.scenarios"),
        cols: cols(
            ctx,
            &[
                ("xl.col.damage", 24.0),
                ("xl.col.damage_level", 8.0),
                ("xl.col.attack_target", 18.0),
                ("xl.col.entry", 18.0),
                ("xl.col.threat_level", 7.0),
                ("xl.col.attack_route", 44.0),
                ("xl.col.final_attack", 32.0),
                ("xl.col.inherent", 7.0),
                ("xl.col.planned", 7.0),
                ("xl.col.residual", 7.0),
                ("xl.col.residual_countermeasure", 10.0),
                ("xl.col.pruned", 8.0),
            ],
        ),
        rows,
        customer: false,
        editable: vec![],
    }
}

pub(super) fn findings(ctx: &Ctx<'_>) -> Table {
    let rows = ctx
        .analysis
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let cells: Vec<Cell> = vec![
                f.step.into(),
                ctx.t(&format!("severity.{}", serde_key(&f.severity)))
                    .into(),
                f.rule.into(),
                f.item.name.as_str().into(),
                f.message(ctx.lang).into(),
            ];
            (format!("F{:04}-{}", i + 1, f.item.id), cells)
        })
        .collect();
    Table {
        name: ctx.t("xl.sheet.findings"),
        cols: cols(
            ctx,
            &[
                ("xl.col.step", 6.0),
                ("xl.col.severity", 9.0),
                ("xl.col.rule", 24.0),
                ("xl.col.item", 26.0),
                ("xl.col.message", 70.0),
            ],
        ),
        rows,
        customer: false,
        editable: vec![],
    }
}

//! セキュリティリスク評価: the register (inherent, planned, residual, explanation, treatment),
//! the summary with charts, attack paths and validation findings.

use super::columns::{editable, tabulate, Column};
use super::model_sheets::serde_key;
use super::Ctx;
use crate::excel::sheet::{id_width, page_setup, write_text, Cell, Col, Formats, Table};
use crate::excel::sheet_xml::Rows;
use crate::graph::attack_path::AttackPath;
use crate::id::{AssetId, MeasureId, ZoneId};
use crate::model::Countermeasure;
use crate::risk::coverage::State;
use crate::risk::register::RiskRow;
use crate::risk::scenario::AttackTree;
use crate::validate::Finding;
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

    /// The asset's name, type and readable number.
    fn asset(&self, r: &RiskRow) -> ([&'a str; 2], u32) {
        self.assets.get(&r.asset).copied().unwrap_or((["", ""], 0))
    }

    /// The row's readable number (`A-001/T01`).
    fn label(&self, r: &RiskRow) -> Cell {
        crate::model::numbering::risk_label(self.asset(r).1, &r.threat).into()
    }

    /// The threat's name in the workbook's language.
    fn threat_name(&self, r: &RiskRow) -> &str {
        self.threat_names.get(&*r.threat).map_or("", String::as_str)
    }

    /// The measures counted in the planned state, one per line.
    fn measure_list(&self, r: &RiskRow) -> String {
        let mut out = String::new();
        for label in r
            .planned
            .measures
            .iter()
            .filter_map(|m| self.measure_labels.get(m))
        {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(label);
        }
        out
    }

    /// The business the row's importance came from: the one scoring the deciding criterion
    /// when the threat's impacts decided, else the asset's (or how it was set).
    fn importance_basis(&self, r: &RiskRow) -> String {
        use crate::derive::ImportanceBasis;
        use crate::risk::impact::{CriterionSource, ImpactBasis};
        let ctx = self.ctx;
        let crit = |c: crate::model::Criterion| ctx.t(&format!("criterion.{}", c.key()));
        match r.impact.basis {
            ImpactBasis::Limited {
                criterion,
                source: CriterionSource::Business { business },
                ..
            } => format!(
                "{}({})",
                self.businesses.get(&business).copied().unwrap_or_default(),
                crit(criterion)
            ),
            ImpactBasis::Limited {
                source: CriterionSource::Override,
                ..
            } => ctx.t("xl.importance.override"),
            ImpactBasis::Limited {
                criterion,
                source: CriterionSource::Unscored,
                ..
            } => crate::i18n::format(
                ctx.lang,
                "xl.importance.unscored",
                &[("criterion", &crit(criterion))],
            ),
            ImpactBasis::NotRecorded => match &r.importance.basis {
                ImportanceBasis::Business {
                    name, criterion, ..
                } => format!("{name}({})", crit(*criterion)),
                ImportanceBasis::Override { .. } => ctx.t("xl.importance.override"),
                ImportanceBasis::Default => ctx.t("xl.importance.default"),
            },
        }
    }

    /// The parties whose measures count for the row.
    fn parties(&self, r: &RiskRow) -> String {
        let mut out = String::new();
        for label in r.parties.iter().map(|x| x.label(self.ctx.lang)) {
            if !out.is_empty() {
                out.push('、');
            }
            out.push_str(label);
        }
        out
    }

    /// Row `r` in `columns`.
    fn row(&self, columns: &[RowColumn], r: &RiskRow) -> (String, Vec<Cell>) {
        let cells = columns.iter().map(|c| (c.cell)(self, r)).collect();
        (r.id.clone(), cells)
    }
}

/// A column of the register or its 別紙: its header and width, and its cell for a row from the
/// lookups all rows share. The cell is a plain function, so that the rows can be made on all
/// cores, or one by one as the sheet is written.
struct RowColumn {
    key: &'static str,
    width: f64,
    cell: fn(&RegisterRows<'_>, &RiskRow) -> Cell,
    answer: Answer,
}

/// Whether the customer answers in a column: no, in free text, or by choosing.
#[derive(Clone, Copy)]
enum Answer {
    No,
    Free,
    Choose(fn(crate::model::Lang) -> Vec<String>),
}

fn column(
    key: &'static str,
    width: f64,
    cell: fn(&RegisterRows<'_>, &RiskRow) -> Cell,
) -> RowColumn {
    RowColumn {
        key,
        width,
        cell,
        answer: Answer::No,
    }
}

/// The treatment decided for a row, if any.
fn decision(r: &RiskRow) -> Option<&crate::model::RiskDecision> {
    r.decision.as_deref()
}

/// The register's columns (リスク登録簿).
fn register_columns() -> Vec<RowColumn> {
    vec![
        column("xl.col.ref", 10.0, |l, r| l.label(r)),
        column("xl.col.zone", 14.0, |l, r| {
            l.ctx
                .ids
                .zone_names
                .get(&r.zone)
                .copied()
                .unwrap_or("")
                .into()
        }),
        column("xl.col.asset", 16.0, |l, r| l.asset(r).0[0].into()),
        column("xl.col.asset_type", 12.0, |l, r| l.asset(r).0[1].into()),
        column("xl.col.importance", 6.0, |_, r| {
            r.residual.importance.value().into()
        }),
        column("xl.col.importance_business", 14.0, |l, r| {
            l.importance_basis(r).into()
        }),
        column("xl.col.threat_id", 6.0, |_, r| (&*r.threat).into()),
        column("xl.col.threat", 22.0, |l, r| l.threat_name(r).into()),
        column("xl.col.threat_level", 6.0, |_, r| {
            r.residual.threat.value().into()
        }),
        column("xl.col.measures", 22.0, |l, r| l.measure_list(r).into()),
        column("xl.col.countermeasure_level", 6.0, |_, r| {
            r.residual.countermeasure.value().into()
        }),
        column("xl.col.vulnerability", 6.0, |_, r| {
            r.residual.vulnerability.value().into()
        }),
        column("xl.col.inherent", 6.0, |_, r| {
            r.inherent.risk.value.to_string().into()
        }),
        column("xl.col.planned", 6.0, |_, r| {
            r.planned.risk.value.to_string().into()
        }),
        column("xl.col.residual", 6.0, |_, r| {
            r.residual.risk.value.to_string().into()
        }),
        column("xl.col.tolerable", 6.0, |l, r| {
            l.yes_no[usize::from(!r.tolerable)].as_str().into()
        }),
        // What the residual risk stays at if the customer's and vendors' measures are not
        // carried out (empty when none counts for the row).
        column("xl.col.unless_others", 10.0, |_, r| {
            r.unless_others
                .as_ref()
                .map(|a| a.risk.value.to_string())
                .unwrap_or_default()
                .into()
        }),
        // リスク対応: the treatment (a drop-down), its justification, owner and due date are
        // the customer's to decide with the SIer; read back by excel::treatment.
        RowColumn {
            answer: Answer::Choose(crate::excel::treatment::choices),
            ..column("xl.col.treatment", 8.0, |l, r| {
                decision(r)
                    .and_then(|d| d.treatment)
                    .map(|t| l.ctx.t(&format!("xl.treatment.{}", serde_key(&t))))
                    .unwrap_or_default()
                    .into()
            })
        },
        RowColumn {
            answer: Answer::Free,
            ..column("xl.col.justification", 22.0, |_, r| {
                decision(r).map_or("", |d| d.justification.as_str()).into()
            })
        },
        RowColumn {
            answer: Answer::Free,
            ..column("xl.col.risk_owner", 11.0, |_, r| {
                decision(r).map_or("", |d| d.owner.as_str()).into()
            })
        },
        RowColumn {
            answer: Answer::Free,
            ..column("xl.col.due", 11.0, |_, r| {
                decision(r)
                    .and_then(|d| d.due.as_ref())
                    .map(|d| d.to_string())
                    .unwrap_or_default()
                    .into()
            })
        },
        column("xl.col.parties", 11.0, |l, r| l.parties(r).into()),
    ]
}

/// The 別紙's columns: the row's number, asset and threat, and how the residual figure was
/// reached.
fn basis_columns() -> Vec<RowColumn> {
    vec![
        column("xl.col.ref", 10.0, |l, r| l.label(r)),
        column("xl.col.asset", 18.0, |l, r| l.asset(r).0[0].into()),
        column("xl.col.threat", 26.0, |l, r| {
            format!("{} {}", r.threat, l.threat_name(r)).into()
        }),
        column("xl.col.residual", 6.0, |_, r| {
            r.residual.risk.value.to_string().into()
        }),
        column("xl.col.explanation", 80.0, |l, r| {
            let measure = |id| l.measures.get(&id).copied();
            r.explain_with(State::Residual, l.ctx.lang, &measure).into()
        }),
        column("xl.col.unless_others_basis", 40.0, |l, r| {
            r.unless_others_text(l.ctx.lang, &|m| l.measure_labels.get(&m).cloned())
                .unwrap_or_default()
                .into()
        }),
    ]
}

/// A sheet of register rows, without its rows: name, headers and what the customer answers.
fn head_of(ctx: &Ctx<'_>, name: &str, columns: &[RowColumn], customer: bool) -> Table {
    Table {
        name: ctx.t(name),
        cols: columns
            .iter()
            .map(|c| Col::new(ctx.t(c.key), c.width))
            .collect(),
        rows: Vec::new(),
        customer,
        editable: columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c.answer {
                Answer::No => None,
                Answer::Free => Some((i, None)),
                Answer::Choose(choices) => Some((i, Some(choices(ctx.lang)))),
            })
            .collect(),
    }
}

/// The register's sheet name, columns and options, without rows.
pub(super) fn head(ctx: &Ctx<'_>) -> Table {
    head_of(ctx, "xl.sheet.risks", &register_columns(), true)
}

/// The register's 別紙 (リスク算定根拠): sheet name and columns, without rows. It is a
/// reference for the register (same numbers), not a sheet the customer answers on.
pub(super) fn basis_head(ctx: &Ctx<'_>) -> Table {
    head_of(ctx, "xl.sheet.basis", &basis_columns(), false)
}

/// The 別紙's rows, made on demand.
pub(super) fn basis_rows<'a>(ctx: &'a Ctx<'a>) -> Rows<'a> {
    made_rows(ctx, basis_columns())
}

/// The whole 別紙 as one table.
pub(super) fn basis(ctx: &Ctx<'_>) -> Table {
    built_rows(ctx, &basis_columns(), basis_head(ctx))
}

/// Rows made one by one as the sheet is written (never all in memory).
fn made_rows<'a>(ctx: &'a Ctx<'a>, columns: Vec<RowColumn>) -> Rows<'a> {
    let rows = RegisterRows::new(ctx);
    Rows::Made {
        len: ctx.analysis.risks.len(),
        row: Box::new(move |i| rows.row(&columns, &ctx.analysis.risks[i])),
    }
}

/// Every row made at once, on all cores, into the table `head` describes.
fn built_rows(ctx: &Ctx<'_>, columns: &[RowColumn], head: Table) -> Table {
    use rayon::prelude::*;
    let rows = RegisterRows::new(ctx);
    Table {
        rows: ctx
            .analysis
            .risks
            .par_iter()
            .with_min_len(256)
            .map(|r| rows.row(columns, r))
            .collect(),
        ..head
    }
}

/// The register's rows, made on demand (for [`crate::excel::sheet_xml::RowsXml::write_rows`]).
pub(super) fn register_rows<'a>(ctx: &'a Ctx<'a>) -> Rows<'a> {
    made_rows(ctx, register_columns())
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
    built_rows(ctx, &register_columns(), head(ctx))
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
    /// One decision as the sheet lists it.
    struct Decision<'d> {
        threat: &'d str,
        asset: AssetId,
        zone: ZoneId,
        verdict: String,
        why: String,
    }
    type C<'c, 'd> = Column<'c, Decision<'d>>;
    let threat_name = |id: &str| {
        ctx.catalogue
            .threat(ctx.project, id)
            .map(|t| format!("{id} {}", ctx.pick(&t.ja, &t.en)))
            .unwrap_or_else(|| id.to_owned())
    };
    let columns: Vec<C> = vec![
        C::new(ctx, "xl.col.threat", 30.0, |d| threat_name(d.threat).into()),
        C::new(ctx, "xl.col.asset", 22.0, |d| {
            ctx.asset_name(d.asset).into()
        }),
        C::new(ctx, "xl.col.zone", 18.0, |d| ctx.zone_name(d.zone).into()),
        C::new(ctx, "xl.col.applicability", 12.0, |d| {
            d.verdict.as_str().into()
        }),
        C::new(ctx, "xl.col.applicability_reason", 40.0, |d| {
            d.why.as_str().into()
        }),
        // The decision as sent stays locked (in the row hash); the customer may ask for the
        // other decision (適用 / 対象外) in the change column and must then write why.
        C::new(ctx, "xl.col.applicability_change", 12.0, |_| Cell::Empty).editable(Some(vec![
            ctx.t("xl.applicability.applies"),
            ctx.t("xl.applicability.excluded"),
        ])),
        C::new(ctx, "xl.col.applicability_change_reason", 30.0, |_| {
            Cell::Empty
        })
        .editable(None),
    ];
    let editable = editable(&columns);
    let mut decisions: Vec<(String, Decision)> = ctx
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
            let d = Decision {
                threat: &r.threat,
                asset: r.asset,
                zone: r.zone,
                verdict,
                why: r.applicability.explain(ctx.lang),
            };
            (r.id.clone(), d)
        })
        .chain(ctx.analysis.exclusions.iter().map(|x| {
            let d = Decision {
                threat: &x.threat,
                asset: x.asset,
                zone: x.zone,
                verdict: ctx.t("xl.applicability.excluded"),
                why: x.reason.explain(ctx.lang),
            };
            (x.id.clone(), d)
        }))
        // Its own row id: the customer agrees to the decision, apart from the register row.
        .map(|(id, d)| (format!("applicability:{id}"), d))
        .collect();
    decisions.sort_by(|a, b| a.0.cmp(&b.0));
    let (cols, rows) = tabulate(columns, decisions.iter().map(|(id, d)| (id.clone(), d)));
    Table {
        name: ctx.t("xl.sheet.applicability"),
        cols,
        rows,
        customer: true,
        editable,
    }
}

/// 攻撃経路: per entry point and target zone, whether it is reachable, in how many hops, each
/// shortest route conduit by conduit, and the conduits on the way with no control.
pub(super) fn attack_paths(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, AttackPath>;
    let p = ctx.project;
    let route_names = crate::graph::route::RouteNames::new(p, ctx.catalogue);
    // Each shortest route hop by hop: the conduit and channel that carried it.
    let route = |ap: &AttackPath| {
        ap.shortest
            .iter()
            .map(|s| {
                crate::graph::route::describe_route(
                    p,
                    &route_names,
                    ctx.entry_name(ap.entry),
                    s.zones.iter().map(|z| ctx.zone_name(*z)).zip(s.hops()),
                    ctx.lang,
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let columns: Vec<C> = vec![
        C::new(ctx, "xl.col.entry", 20.0, |ap| {
            ctx.entry_name(ap.entry).into()
        }),
        C::new(ctx, "xl.col.entry_kind", 14.0, |ap| {
            ctx.t(&format!("entry.{}", ap.entry_kind.key())).into()
        }),
        C::new(ctx, "xl.col.target_zone", 18.0, |ap| {
            ctx.zone_name(ap.target_zone).into()
        }),
        C::new(ctx, "xl.col.targets", 26.0, |ap| {
            ap.targets
                .iter()
                .filter_map(|a| ctx.ids.assets.get(a).map(|a| a.name.as_str()))
                .collect::<Vec<_>>()
                .join("、")
                .into()
        }),
        C::new(ctx, "xl.col.reachable", 7.0, |ap| {
            ctx.t(if ap.reachable { "xl.yes" } else { "xl.no" }).into()
        }),
        C::new(ctx, "xl.col.hops", 6.0, |ap| {
            ap.hops.map_or(Cell::Empty, |h| Cell::Num(f64::from(h)))
        }),
        C::new(ctx, "xl.col.paths", 7.0, |ap| {
            format!("{}{}", ap.simple_paths, if ap.complete { "" } else { "+" }).into()
        }),
        C::new(ctx, "xl.col.route", 50.0, |ap| route(ap).into()),
        C::new(ctx, "xl.col.unprotected", 26.0, |ap| {
            ap.unprotected_conduits
                .iter()
                .filter_map(|c| ctx.ids.conduit_names.get(c).copied())
                .collect::<Vec<_>>()
                .join("\n")
                .into()
        }),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.analysis
            .attack_paths
            .iter()
            .map(|ap| (format!("{}>{}", ap.entry, ap.target_zone), ap)),
    );
    Table {
        name: ctx.t("xl.sheet.paths"),
        cols,
        rows,
        customer: false,
        editable: vec![],
    }
}

/// 攻撃シナリオ(事業被害ベース, IPA): per business damage, the candidate attack trees from each
/// entry point to the target's zone, step by step, with the tree's figures in the inherent,
/// planned and residual states; trees the analyst pruned are listed and marked.
pub(super) fn scenarios(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, AttackTree>;
    let p = ctx.project;
    let damages: HashMap<_, _> = p.damages.iter().map(|d| (d.id, d)).collect();
    let damage = |tree: &AttackTree| damages.get(&tree.damage).copied();
    let route_names = crate::graph::route::RouteNames::new(p, ctx.catalogue);
    // 侵入口 → zone (conduit and channel) → …, one line per step.
    let route = |tree: &AttackTree| {
        let mut route = crate::graph::route::describe_route(
            p,
            &route_names,
            ctx.entry_name(tree.entry),
            tree.steps.iter().map(|s| (ctx.zone_name(s.zone), &s.hop)),
            ctx.lang,
        );
        if tree.response_hop {
            route.push('\n');
            route.push_str(&ctx.t("scenario.response_hop"));
        }
        route
    };
    let columns: Vec<C> = vec![
        C::new(ctx, "xl.col.damage", 24.0, |t| {
            damage(t).map_or("", |d| d.name.as_str()).into()
        }),
        C::new(ctx, "xl.col.damage_level", 8.0, |t| {
            damage(t).map_or(Cell::Empty, |d| ctx.level(d.level).into())
        }),
        C::new(ctx, "xl.col.attack_target", 18.0, |t| {
            damage(t).map_or("", |d| ctx.asset_name(d.target)).into()
        }),
        C::new(ctx, "xl.col.entry", 18.0, |t| {
            ctx.entry_name(t.entry).into()
        }),
        C::new(ctx, "xl.col.threat_level", 7.0, |t| {
            ctx.level(t.threat).into()
        }),
        C::new(ctx, "xl.col.attack_route", 44.0, |t| route(t).into()),
        C::new(ctx, "xl.col.final_attack", 32.0, |t| {
            damage(t).map_or("", |d| d.final_attack.as_str()).into()
        }),
        C::new(ctx, "xl.col.inherent", 7.0, |t| {
            t.inherent.risk.value.as_ref().into()
        }),
        C::new(ctx, "xl.col.planned", 7.0, |t| {
            t.planned.risk.value.as_ref().into()
        }),
        C::new(ctx, "xl.col.residual", 7.0, |t| {
            t.residual.risk.value.as_ref().into()
        }),
        C::new(ctx, "xl.col.residual_countermeasure", 10.0, |t| {
            ctx.level(t.residual.countermeasure).into()
        }),
        C::new(ctx, "xl.col.pruned", 8.0, |t| {
            if t.pruned {
                ctx.t("xl.scenario.pruned")
            } else {
                String::new()
            }
            .into()
        }),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.analysis
            .scenarios
            .iter()
            .map(|tree| (tree.key.clone(), tree)),
    );
    Table {
        name: ctx.t("xl.sheet.scenarios"),
        cols,
        rows,
        customer: false,
        editable: vec![],
    }
}

/// 検証結果: every finding of the checks, numbered in the order found.
pub(super) fn findings(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, Finding>;
    let columns: Vec<C> = vec![
        C::new(ctx, "xl.col.step", 6.0, |f| f.step.into()),
        C::new(ctx, "xl.col.severity", 9.0, |f| {
            ctx.t(&format!("severity.{}", serde_key(&f.severity)))
                .into()
        }),
        C::new(ctx, "xl.col.rule", 24.0, |f| f.rule.into()),
        C::new(ctx, "xl.col.item", 26.0, |f| f.item.name.as_str().into()),
        C::new(ctx, "xl.col.message", 70.0, |f| f.message(ctx.lang).into()),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.analysis
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| (format!("F{:04}-{}", i + 1, f.item.id), f)),
    );
    Table {
        name: ctx.t("xl.sheet.findings"),
        cols,
        rows,
        customer: false,
        editable: vec![],
    }
}

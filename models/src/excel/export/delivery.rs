//! Sheets for what is delivered and agreed: countermeasures (2-1/2-2), the responsibility
//! split (責任分界表), the completion-inspection checklist (完成検査), supply-chain management
//! (suppliers and the 別冊 checklists), the impact on the customer's network (顧客NWへの影響確認)
//! and the OODA roles (3).

use super::columns::{editable, tabulate, Column};
use super::model_sheets::{channel_text, serde_key};
use super::Ctx;
use crate::excel::sheet::{Cell, Table};
use crate::graph::ZoneGraph;
use crate::model::{
    AssetClass, ChecklistAnswer, Conduit, ContractHolder, Countermeasure, Endpoint, MeasureStatus,
    OodaRole, Responsibility, Supplier, SupplierKind, VulnerabilityFinding,
};
use std::collections::HashMap;

fn party(ctx: &Ctx<'_>, r: Option<Responsibility>) -> String {
    r.map_or_else(|| ctx.t("xl.unset"), |r| r.label(ctx.lang).to_owned())
}

fn scope_text(ctx: &Ctx<'_>, m: &crate::model::Countermeasure) -> String {
    let ids = &ctx.ids;
    let mut parts: Vec<String> = Vec::new();
    parts.extend(m.scope.zones.iter().map(|z| ctx.zone_name(*z)));
    parts.extend(
        m.scope
            .conduits
            .iter()
            .filter_map(|c| ids.conduit_names.get(c))
            .map(|c| (*c).to_owned()),
    );
    parts.extend(
        m.scope
            .assets
            .iter()
            .filter_map(|a| ids.assets.get(a))
            .map(|a| a.name.clone()),
    );
    if parts.is_empty() {
        ctx.t("xl.scope.all")
    } else {
        parts.join("、")
    }
}

pub(super) fn countermeasures(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, Countermeasure>;
    let p = ctx.project;
    let cat = |m: &Countermeasure| ctx.catalogue.measure(p, &m.measure);
    let columns = vec![
        C::new(ctx, "xl.col.ref", 7.0, |m| {
            crate::model::numbering::measure_label(m.number).into()
        }),
        C::new(ctx, "xl.col.measure_id", 9.0, |m| m.measure.as_str().into()),
        C::new(ctx, "xl.col.measure", 30.0, move |m| {
            cat(m)
                .as_ref()
                .map(|c| ctx.pick(&c.ja, &c.en).to_owned())
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.category", 12.0, move |m| {
            m.category
                .or(cat(m).as_ref().map(|c| c.category))
                .map(|c| ctx.t(&format!("category.{}", c.key())))
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.detail", 34.0, |m| m.detail.as_str().into()),
        C::new(ctx, "xl.col.threats", 12.0, |m| m.threats.join(", ").into()),
        C::new(ctx, "xl.col.scope", 24.0, |m| scope_text(ctx, m).into()),
        C::new(ctx, "xl.col.responsible", 9.0, |m| {
            if m.responsibility == Some(Responsibility::Shared) && !m.shared_with.is_empty() {
                format!(
                    "{}({})",
                    party(ctx, m.responsibility),
                    m.parties()
                        .iter()
                        .map(|r| r.label(ctx.lang))
                        .collect::<Vec<_>>()
                        .join("・")
                )
            } else {
                party(ctx, m.responsibility)
            }
            .into()
        }),
        C::new(ctx, "xl.col.operator", 9.0, |m| {
            m.operator.map_or("", |r| r.label(ctx.lang)).into()
        }),
        C::new(ctx, "xl.col.paid", 7.0, |m| {
            m.paid
                .map(|x| ctx.t(if x { "xl.paid" } else { "xl.unpaid" }))
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.status", 8.0, |m| {
            m.status.label(ctx.lang).into()
        }),
        C::new(ctx, "xl.col.due", 11.0, |m| {
            m.due
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.evidence", 18.0, |m| m.evidence.as_str().into()),
        C::new(ctx, "xl.col.provenance", 26.0, move |m| {
            cat(m)
                .as_ref()
                .map(|c| {
                    let src = ctx
                        .catalogue
                        .source(&c.source)
                        .map(|s| ctx.pick(&s.ja, &s.en).to_owned())
                        .unwrap_or(c.source.clone());
                    format!("{} — {} {}", c.confidence.label(ctx.lang), src, c.section)
                        .trim()
                        .to_owned()
                })
                .unwrap_or_default()
                .into()
        }),
    ];
    let (cols, rows) = tabulate(
        columns,
        p.countermeasures.iter().map(|m| (m.id.to_string(), m)),
    );
    Table {
        name: ctx.t("xl.sheet.measures"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

/// An OODA role's party for the split: a shared role (no list of parties is kept for roles)
/// is marked for all three.
fn ooda_parties(party: Option<Responsibility>) -> Vec<Responsibility> {
    match party {
        Some(Responsibility::Shared) => vec![
            Responsibility::Sier,
            Responsibility::Customer,
            Responsibility::Vendor,
        ],
        Some(p) => vec![p],
        None => Vec::new(),
    }
}

/// A row of the responsibility split: a countermeasure, or an operating role (OODA).
enum Duty<'a> {
    Measure(&'a Countermeasure),
    Role(&'a OodaRole),
}

pub(super) fn responsibility(ctx: &Ctx<'_>) -> Table {
    type C<'c, 'a> = Column<'c, Duty<'a>>;
    let p = ctx.project;
    // ● carries it (a shared measure: exactly the parties that share it), ○ operates it.
    let mark = |duty: &Duty<'_>, col: Responsibility| -> Cell {
        let (carry, op) = match duty {
            Duty::Measure(m) => (m.parties(), m.operator),
            Duty::Role(o) => (ooda_parties(o.party), None),
        };
        let mut s = String::new();
        if carry.contains(&col) {
            s.push('●');
        }
        if op == Some(col) {
            s.push('○');
        }
        s.into()
    };
    fn measure<'d>(d: &Duty<'d>) -> Option<&'d Countermeasure> {
        match d {
            Duty::Measure(m) => Some(m),
            Duty::Role(_) => None,
        }
    }
    let columns: Vec<C<'_, '_>> = vec![
        C::new(ctx, "xl.col.kind", 10.0, |d| match d {
            Duty::Measure(_) => ctx.t("xl.resp.measure").into(),
            Duty::Role(_) => ctx.t("xl.resp.operation").into(),
        }),
        C::new(ctx, "xl.col.task", 44.0, |d| match d {
            Duty::Measure(m) => format!(
                "{} {} {}",
                crate::model::numbering::measure_label(m.number),
                m.measure,
                ctx.catalogue
                    .measure(p, &m.measure)
                    .map(|c| ctx.pick(&c.ja, &c.en).to_owned())
                    .unwrap_or_default()
            )
            .into(),
            Duty::Role(o) => format!(
                "{} {} — {}",
                ctx.t(&format!("xl.ooda.{}", serde_key(&o.phase))),
                ctx.t(&format!("xl.ooda.{}", serde_key(&o.step))),
                o.actions
            )
            .into(),
        }),
        C::new(ctx, "responsibility.sier", 8.0, move |d| {
            mark(d, Responsibility::Sier)
        }),
        C::new(ctx, "responsibility.customer", 8.0, move |d| {
            mark(d, Responsibility::Customer)
        }),
        C::new(ctx, "responsibility.vendor", 8.0, move |d| {
            mark(d, Responsibility::Vendor)
        }),
        C::new(ctx, "xl.col.paid", 7.0, move |d| match measure(d) {
            Some(m) => m
                .paid
                .map(|x| ctx.t(if x { "xl.paid" } else { "xl.unpaid" }))
                .unwrap_or_default()
                .into(),
            None => Cell::Empty,
        }),
        C::new(ctx, "xl.col.status", 8.0, move |d| match measure(d) {
            Some(m) => m.status.label(ctx.lang).into(),
            None => Cell::Empty,
        }),
        C::new(ctx, "xl.col.due", 11.0, move |d| match measure(d) {
            Some(m) => m
                .due
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
                .into(),
            None => Cell::Empty,
        }),
    ];
    let duties: Vec<(String, Duty<'_>)> = p
        .countermeasures
        .iter()
        .map(|m| (m.id.to_string(), Duty::Measure(m)))
        .chain(
            p.ooda_roles
                .iter()
                .map(|o| (o.id.to_string(), Duty::Role(o))),
        )
        .collect();
    let (cols, rows) = tabulate(columns, duties.iter().map(|(id, d)| (id.clone(), d)));
    Table {
        name: ctx.t("xl.sheet.responsibility"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

/// Checks per asset class for the completion inspection (P: the settings that follow from the
/// guideline's equipment countermeasures), each with the countermeasure it evidences.
fn checks(class: AssetClass) -> &'static [(&'static str, &'static str)] {
    match class {
        AssetClass::Controller | AssetClass::Safety => &[
            ("xl.check.default_password", "C-EQ-04"),
            ("xl.check.write_protect", "C-EQ-13"),
            ("xl.check.firmware_recorded", "C-EQ-10"),
            ("xl.check.program_backup", "C-EQ-09"),
            ("xl.check.unused_ports", "C-EQ-03"),
        ],
        AssetClass::Workstation | AssetClass::Server => &[
            ("xl.check.default_password", "C-EQ-04"),
            ("xl.check.patches", "C-EQ-02"),
            ("xl.check.antimalware", "C-EQ-01"),
            ("xl.check.unused_services", "C-EQ-03"),
            ("xl.check.logging", "C-EQ-08"),
            ("xl.check.time_sync", "C-EQ-08"),
            ("xl.check.backup", "C-EQ-09"),
            ("xl.check.usb", "C-EQ-06"),
        ],
        AssetClass::Network => &[
            ("xl.check.default_password", "C-EQ-04"),
            ("xl.check.firmware_recorded", "C-EQ-10"),
            ("xl.check.fw_rules", "C-NW-02"),
            ("xl.check.unused_services", "C-EQ-03"),
            ("xl.check.logging", "C-EQ-08"),
            ("xl.check.remote_access", "C-NW-04"),
        ],
        AssetClass::Field | AssetClass::Facility => &[
            ("xl.check.default_password", "C-EQ-04"),
            ("xl.check.firmware_recorded", "C-EQ-10"),
        ],
        AssetClass::Cloud | AssetClass::Data | AssetClass::Software => &[],
    }
}

pub(super) fn inspection(ctx: &Ctx<'_>) -> Table {
    let p = ctx.project;
    let delivered: Vec<_> = p.assets.iter().filter(|a| a.delivered).collect();
    let assets: Vec<_> = if delivered.is_empty() {
        p.assets.iter().collect()
    } else {
        delivered
    };
    // The project's measures per catalogue id, to cite the one that covers each asset.
    let mut by_code: HashMap<&str, Vec<&crate::model::Countermeasure>> = HashMap::new();
    for m in p
        .countermeasures
        .iter()
        .filter(|m| m.status != MeasureStatus::Rejected)
    {
        by_code.entry(m.measure.as_str()).or_default().push(m);
    }
    // Results read back from an earlier workbook are carried into this one.
    let results: HashMap<&str, &crate::model::InspectionResult> = p
        .inspection_results
        .iter()
        .map(|r| (r.row_id.as_str(), r))
        .collect();
    // The same few checks repeat for every asset of a class: their texts are worked out once.
    let mut texts: HashMap<&str, [String; 2]> = HashMap::new();
    // One row per (asset, check of its class).
    let mut checks_to_do: Vec<Check<'_>> = Vec::new();
    for a in assets {
        for (key, measure) in checks(ctx.catalogue.class_of(&a.asset_type)) {
            let [check, expected] = texts
                .entry(key)
                .or_insert_with(|| [ctx.t(key), ctx.t(&format!("{key}.expected"))])
                .clone();
            // Cite the project's measures of that kind whose scope covers this asset, by
            // readable number; none covering it: say so (the check is the baseline setting).
            let covering: Vec<String> = by_code
                .get(measure)
                .into_iter()
                .flatten()
                .filter(|m| m.covers_asset(a))
                .map(|m| {
                    format!(
                        "{} {measure} ({})",
                        crate::model::numbering::measure_label(m.number),
                        m.status.label(ctx.lang)
                    )
                })
                .collect();
            let basis = if covering.is_empty() {
                crate::i18n::format(ctx.lang, "xl.basis.none", &[("measure", measure)])
            } else {
                covering.join("\n")
            };
            let item = key.rsplit('.').next().unwrap_or_default();
            let id = format!("CHK-{}-{item}", a.id.short());
            let done = results.get(id.as_str()).copied();
            checks_to_do.push(Check {
                id,
                asset: a,
                check,
                expected,
                basis,
                done,
            });
        }
    }
    type C<'c, 'a> = Column<'c, Check<'a>>;
    let outcomes = vec!["OK".to_owned(), "NG".to_owned(), "N/A".to_owned()];
    let columns: Vec<C<'_, '_>> = vec![
        C::new(ctx, "xl.col.asset", 20.0, |c| c.asset.name.as_str().into()),
        C::new(ctx, "xl.col.zone", 16.0, |c| {
            c.asset
                .zone
                .map(|z| ctx.zone_name(z))
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.check", 26.0, |c| c.check.as_str().into()),
        C::new(ctx, "xl.col.expected", 30.0, |c| c.expected.as_str().into()),
        C::new(ctx, "xl.col.basis", 16.0, |c| c.basis.as_str().into()),
        C::new(ctx, "xl.col.result", 8.0, |c| {
            c.done
                .and_then(|r| r.outcome)
                .map_or(Cell::Empty, |o| o.label().into())
        })
        .editable(Some(outcomes)),
        C::new(ctx, "xl.col.evidence", 18.0, |c| {
            c.done.map_or(Cell::Empty, |r| r.evidence.as_str().into())
        })
        .editable(None),
        C::new(ctx, "xl.col.inspector", 12.0, |c| {
            c.done.map_or(Cell::Empty, |r| r.inspector.as_str().into())
        })
        .editable(None),
        C::new(ctx, "xl.col.date", 11.0, |c| {
            c.done
                .and_then(|r| r.date.as_ref())
                .map_or(Cell::Empty, |d| d.to_string().into())
        })
        .editable(None),
    ];
    let editable = editable(&columns);
    let (cols, rows) = tabulate(columns, checks_to_do.iter().map(|c| (c.id.clone(), c)));
    Table {
        name: ctx.t("xl.sheet.inspection"),
        cols,
        rows,
        customer: false,
        editable,
    }
}

/// One check of the completion inspection: an asset, what to check and expect, the measures
/// it rests on, and the result recorded on site, if any.
struct Check<'a> {
    id: String,
    asset: &'a crate::model::ProtectedAsset,
    check: String,
    expected: String,
    basis: String,
    done: Option<&'a crate::model::InspectionResult>,
}

/// 脆弱性検査結果 (完成検査, Level 2): every finding of the vulnerability inspection with the
/// asset and zone it concerns, its CVSS score, what was done and the re-inspection; open
/// findings first, highest score first.
pub(super) fn vulnerabilities(ctx: &Ctx<'_>) -> Table {
    let p = ctx.project;
    let assets = &ctx.ids.assets;
    let mut findings: Vec<&VulnerabilityFinding> = p.vulnerabilities.iter().collect();
    let open = |f: &VulnerabilityFinding| u8::from(f.status != crate::model::FindingStatus::Open);
    findings.sort_by(|a, b| {
        open(a)
            .cmp(&open(b))
            .then(b.cvss.unwrap_or(-1.0).total_cmp(&a.cvss.unwrap_or(-1.0)))
    });
    type C<'c> = Column<'c, VulnerabilityFinding>;
    let asset = |f: &VulnerabilityFinding| f.asset.and_then(|a| assets.get(&a).copied());
    let columns = vec![
        C::new(ctx, "xl.col.method", 20.0, |f| f.method.as_str().into()),
        C::new(ctx, "xl.col.inspected", 11.0, |f| {
            f.inspected
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.reference", 16.0, |f| {
            f.reference.as_str().into()
        }),
        C::new(ctx, "xl.col.cvss", 6.0, |f| {
            f.cvss.map_or(Cell::Empty, Cell::Num)
        }),
        C::new(ctx, "xl.col.asset", 18.0, move |f| {
            asset(f).map_or("", |a| a.name.as_str()).into()
        }),
        C::new(ctx, "xl.col.zone", 16.0, move |f| {
            asset(f)
                .and_then(|a| a.zone)
                .map(|z| ctx.zone_name(z))
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.finding", 36.0, |f| f.title.as_str().into()),
        C::new(ctx, "xl.col.action", 30.0, |f| f.action.as_str().into()),
        C::new(ctx, "xl.col.status", 10.0, |f| {
            ctx.t(&format!("xl.finding_status.{}", serde_key(&f.status)))
                .into()
        }),
        C::new(ctx, "xl.col.retest", 20.0, |f| f.retest.as_str().into()),
    ];
    let (cols, rows) = tabulate(columns, findings.into_iter().map(|f| (f.id.to_string(), f)));
    Table {
        name: ctx.t("xl.sheet.vulnerabilities"),
        cols,
        rows,
        customer: false,
        editable: vec![],
    }
}

/// Threats listed per product on the product risk statement, at most (worst residual first).
const PRODUCT_RISKS_SHOWN: usize = 6;

/// 製品リスク説明 (②構築 セキュリティリスク評価, Level 1: explain the product's security risks):
/// one row per delivered product — assets of the same type, vendor and model — with the risks
/// the register finds on it (worst residual first), the settings to make at installation, the
/// countermeasures by the SIer or vendor it relies on, and those the customer must carry out.
/// Every asset counts when none is marked as delivered.
pub(super) fn product_risks(ctx: &Ctx<'_>) -> Table {
    let rows: Vec<(String, ProductRow)> = products(ctx)
        .iter()
        .map(|product| {
            let id = format!("PRD-{}", product.first.id.short());
            (id, product_row(ctx, product))
        })
        .collect();
    type C<'c> = Column<'c, ProductRow>;
    let columns = vec![
        C::new(ctx, "xl.col.product", 22.0, |r| r.product.as_str().into()),
        C::new(ctx, "xl.col.asset_count", 6.0, |r| {
            Cell::Num(r.assets as f64)
        }),
        C::new(ctx, "xl.col.zones", 18.0, |r| r.zones.as_str().into()),
        C::new(ctx, "xl.col.product_risks", 40.0, |r| {
            r.risks.as_str().into()
        }),
        C::new(ctx, "xl.col.preconditions", 34.0, |r| {
            r.relied.as_str().into()
        }),
        C::new(ctx, "xl.col.recommended_settings", 30.0, |r| {
            r.settings.as_str().into()
        }),
        C::new(ctx, "xl.col.customer_measures", 34.0, |r| {
            r.customer.as_str().into()
        }),
    ];
    let (cols, rows) = tabulate(columns, rows.iter().map(|(id, r)| (id.clone(), r)));
    Table {
        name: ctx.t("xl.sheet.product_risks"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

/// One product (asset type, vendor and model) and what the register says of its assets.
struct Product<'a> {
    /// Its first asset, in project order.
    first: &'a crate::model::ProtectedAsset,
    assets: Vec<&'a crate::model::ProtectedAsset>,
    /// Per threat, the worst residual rank and value over its assets.
    worst: HashMap<&'a str, (u8, &'a str)>,
    /// The countermeasures counted for its assets in the planned state, first seen first.
    counted: Vec<crate::id::MeasureId>,
}

/// The delivered products (every asset's when none is marked delivered), in the order their
/// first asset appears, with the worst residual risk per threat and the measures counted.
fn products<'a>(ctx: &Ctx<'a>) -> Vec<Product<'a>> {
    let p = ctx.project;
    let delivered = p.assets.iter().any(|a| a.delivered);
    let mut products: Vec<Product> = Vec::new();
    let mut product_of: HashMap<crate::id::AssetId, usize> = HashMap::new();
    let mut by_key: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for a in p.assets.iter().filter(|a| a.delivered || !delivered) {
        let key = (a.asset_type.as_str(), a.vendor.trim(), a.model.trim());
        let i = *by_key.entry(key).or_insert_with(|| {
            products.push(Product {
                first: a,
                assets: Vec::new(),
                worst: HashMap::new(),
                counted: Vec::new(),
            });
            products.len() - 1
        });
        products[i].assets.push(a);
        product_of.insert(a.id, i);
    }
    for r in &ctx.analysis.risks {
        let Some(product) = product_of.get(&r.asset).map(|&i| &mut products[i]) else {
            continue;
        };
        let worst = product
            .worst
            .entry(r.threat.as_ref())
            .or_insert((u8::MAX, r.residual.risk.value.as_ref()));
        if r.residual.risk.rank < worst.0 {
            *worst = (r.residual.risk.rank, r.residual.risk.value.as_ref());
        }
        for m in r.planned.measures.iter() {
            if !product.counted.contains(m) {
                product.counted.push(*m);
            }
        }
    }
    products
}

/// A product's row: what it is, where, its worst risks, the measures it rests on, the
/// settings to keep, and the customer's part.
fn product_row(ctx: &Ctx<'_>, product: &Product<'_>) -> ProductRow {
    let p = ctx.project;
    let first = product.first;
    let kind = ctx
        .catalogue
        .asset_type(&first.asset_type)
        .map(|t| ctx.pick(&t.ja, &t.en))
        .unwrap_or(first.asset_type.as_str());
    let name = [first.vendor.trim(), first.model.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let name = if name.is_empty() {
        kind.to_owned()
    } else {
        format!("{name}\n({kind})")
    };
    let mut zones: Vec<String> = Vec::new();
    for z in product.assets.iter().filter_map(|a| a.zone) {
        let name = ctx.zone_name(z);
        if !zones.contains(&name) {
            zones.push(name);
        }
    }
    let mut risks: Vec<(&str, (u8, &str))> = product.worst.iter().map(|(t, v)| (*t, *v)).collect();
    risks.sort_by(|a, b| a.1 .0.cmp(&b.1 .0).then(a.0.cmp(b.0)));
    let mut risk_lines: Vec<String> = risks
        .iter()
        .take(PRODUCT_RISKS_SHOWN)
        .map(|(t, (_, v))| {
            let name = ctx
                .catalogue
                .threat(p, t)
                .map(|x| ctx.pick(&x.ja, &x.en).to_owned())
                .unwrap_or_default();
            format!("{t} {name} ({} {v})", ctx.t("xl.col.residual"))
        })
        .collect();
    if risks.len() > PRODUCT_RISKS_SHOWN {
        risk_lines.push(crate::i18n::format(
            ctx.lang,
            "xl.product.more",
            &[("n", &(risks.len() - PRODUCT_RISKS_SHOWN).to_string())],
        ));
    }
    let settings: Vec<String> = checks(ctx.catalogue.class_of(&first.asset_type))
        .iter()
        .map(|(key, _)| ctx.t(key))
        .collect();
    let measure_line = |m: &crate::model::Countermeasure| {
        let name = ctx
            .catalogue
            .measure(p, &m.measure)
            .map(|c| ctx.pick(&c.ja, &c.en).to_owned())
            .unwrap_or_default();
        format!(
            "{} {name} ({}, {})",
            m.measure,
            party(ctx, m.responsibility),
            m.status.label(ctx.lang)
        )
    };
    let (mut relied, mut customer) = (Vec::new(), Vec::new());
    for m in product
        .counted
        .iter()
        .filter_map(|m| ctx.ids.measures.get(m))
    {
        let by_customer = matches!(
            m.responsibility,
            Some(Responsibility::Customer | Responsibility::Shared)
        ) || matches!(
            m.operator,
            Some(Responsibility::Customer | Responsibility::Shared)
        );
        if by_customer {
            customer.push(measure_line(m));
        } else {
            relied.push(measure_line(m));
        }
    }
    ProductRow {
        product: name,
        assets: product.assets.len(),
        zones: zones.join("、"),
        risks: risk_lines.join("\n"),
        relied: relied.join("\n"),
        settings: settings.join("\n"),
        customer: customer.join("\n"),
    }
}

/// A row of the product risk statement: one delivered product (vendor and model), where it
/// is, the risks left, what they rest on, the settings to keep, and the customer's part.
struct ProductRow {
    product: String,
    assets: usize,
    zones: String,
    risks: String,
    relied: String,
    settings: String,
    customer: String,
}

/// The two sides of a supplier's security agreement, as the sheets name them: `None` when
/// the contract holder is not recorded.
fn agreement_parties(ctx: &Ctx<'_>, s: &Supplier) -> Option<String> {
    let meta = &ctx.project.meta;
    let party = |name: &str, key: &str| {
        if name.trim().is_empty() {
            ctx.t(key)
        } else {
            name.trim().to_owned()
        }
    };
    let holder = if s.kind == SupplierKind::Subcontractor {
        Some(ContractHolder::Sier)
    } else {
        s.contract_holder
    }?;
    let ours = match holder {
        ContractHolder::Sier => party(&meta.sier, "xl.cover.party_sier"),
        ContractHolder::Customer => party(&meta.customer, "xl.cover.party_customer"),
    };
    Some(format!("{ours} ⇔ {}", s.name))
}

/// What a supplier's agreement still lacks, in words ("none (recorded)" when nothing); a
/// missing check of a subcontractor is marked as desirable, not required.
fn gaps_text(ctx: &Ctx<'_>, s: &Supplier) -> String {
    use crate::model::SecurityGap;
    let gaps = s.security_gaps();
    if gaps.is_empty() {
        return ctx.t("xl.subcontractor.complete");
    }
    gaps.iter()
        .map(|g| {
            ctx.t(match g {
                SecurityGap::NoTerms => "xl.subcontractor.no_terms",
                SecurityGap::NoPolicy => "xl.subcontractor.no_policy",
                SecurityGap::NoManagementSystem => "xl.subcontractor.no_management_system",
                SecurityGap::NoHolder => "xl.subcontractor.no_holder",
                SecurityGap::NoCheck => "xl.subcontractor.no_check",
            })
        })
        .collect::<Vec<_>>()
        .join(ctx.pick("、", ", "))
}

/// サプライヤ管理 (②構築 サプライチェーン管理, Level 1 「仕入れ先との情報セキュリティ合意」):
/// the makers, software vendors and cloud services of the delivered system — not the SIer's
/// subcontractors, which have their own sheet — each with who holds its contract, so who the
/// security agreement is between.
pub(super) fn suppliers(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, Supplier>;
    let columns = vec![
        C::new(ctx, "xl.col.supplier", 20.0, |s| s.name.as_str().into()),
        C::new(ctx, "xl.col.kind", 10.0, |s| {
            ctx.t(&format!("xl.supplier.{}", serde_key(&s.kind))).into()
        }),
        C::new(ctx, "xl.col.provides", 22.0, |s| s.provides.as_str().into()),
        C::new(ctx, "xl.col.agreement_parties", 20.0, |s| {
            agreement_parties(ctx, s)
                .unwrap_or_else(|| ctx.t("xl.supplier.holder_unknown"))
                .into()
        }),
        C::new(ctx, "xl.col.certifications", 16.0, |s| {
            s.certifications.as_str().into()
        }),
        C::new(ctx, "xl.col.policy_confirmed", 11.0, |s| {
            s.policy_confirmed
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.agreement_terms", 30.0, |s| {
            s.agreement.as_str().into()
        }),
        C::new(ctx, "xl.col.audit", 16.0, |s| s.audit.as_str().into()),
        C::new(ctx, "xl.col.contact", 14.0, |s| s.contact.as_str().into()),
        C::new(ctx, "xl.col.subcontractor_status", 16.0, |s| {
            gaps_text(ctx, s).into()
        }),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.project
            .suppliers
            .iter()
            .filter(|s| s.kind != SupplierKind::Subcontractor)
            .map(|s| (s.id.to_string(), s)),
    );
    Table {
        name: ctx.t("xl.sheet.suppliers"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

/// 再委託先管理 (②構築 サプライチェーン管理, Level 2 「外部委託に対するセキュリティ管理体制」):
/// the SIer's own subcontractors. Seed 000: the SIer confirms each one's information-security
/// policy and management system and agrees the security conditions as contract terms, and
/// checks them; the agreement is between the SIer and the subcontractor. The last column says
/// what is still missing.
pub(super) fn subcontractors(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, Supplier>;
    let columns = vec![
        C::new(ctx, "xl.col.subcontractor", 20.0, |s| {
            s.name.as_str().into()
        }),
        C::new(ctx, "xl.col.subcontracted_work", 20.0, |s| {
            s.provides.as_str().into()
        }),
        C::new(ctx, "xl.col.agreement_parties", 20.0, |s| {
            agreement_parties(ctx, s).unwrap_or_default().into()
        }),
        C::new(ctx, "xl.col.security_terms", 30.0, |s| {
            s.agreement.as_str().into()
        }),
        C::new(ctx, "xl.col.policy_confirmed", 11.0, |s| {
            s.policy_confirmed
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.management_system", 16.0, |s| {
            s.certifications.as_str().into()
        }),
        C::new(ctx, "xl.col.check_result", 18.0, |s| {
            s.audit.as_str().into()
        }),
        C::new(ctx, "xl.col.contact", 14.0, |s| s.contact.as_str().into()),
        C::new(ctx, "xl.col.subcontractor_status", 16.0, |s| {
            gaps_text(ctx, s).into()
        }),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.project
            .suppliers
            .iter()
            .filter(|s| s.kind == SupplierKind::Subcontractor)
            .map(|s| (s.id.to_string(), s)),
    );
    Table {
        name: ctx.t("xl.sheet.subcontractors"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

pub(super) fn checklists(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, ChecklistAnswer>;
    let ids = &ctx.ids;
    let item = |a: &ChecklistAnswer| ctx.catalogue.checklist_item(&a.item);
    let columns = vec![
        C::new(ctx, "xl.col.item", 10.0, |a| a.item.as_str().into()),
        C::new(ctx, "xl.col.subject", 10.0, move |a| {
            item(a)
                .map(|i| ctx.t(&format!("xl.sc.{}", serde_key(&i.subject))))
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.phase", 9.0, move |a| {
            item(a)
                .map(|i| ctx.t(&format!("xl.sc.{}", serde_key(&i.phase))))
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.check", 36.0, move |a| {
            item(a)
                .map(|i| ctx.pick(&i.ja, &i.en).to_owned())
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.supplier", 18.0, |a| {
            a.supplier
                .and_then(|s| ids.supplier_names.get(&s).copied())
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.asset", 16.0, |a| {
            a.asset
                .and_then(|x| ids.assets.get(&x))
                .map_or("", |x| x.name.as_str())
                .into()
        }),
        C::new(ctx, "xl.col.answer", 8.0, |a| {
            a.answer
                .map(|x| ctx.t(&format!("xl.answer.{}", serde_key(&x))))
                .unwrap_or_else(|| ctx.t("xl.unanswered"))
                .into()
        }),
        C::new(ctx, "xl.col.evidence", 26.0, |a| a.evidence.as_str().into()),
        C::new(ctx, "xl.col.notes", 18.0, |a| a.note.as_str().into()),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.project
            .checklist_answers
            .iter()
            .map(|a| (a.id.to_string(), a)),
    );
    Table {
        name: ctx.t("xl.sheet.checklists"),
        cols,
        rows,
        customer: false,
        editable: vec![],
    }
}

pub(super) fn network_impact(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, Conduit>;
    let p = ctx.project;
    let full = ZoneGraph::build(p);
    // Paths the new conduit creates or shortens: reachability with and without it.
    let created = move |c: &Conduit| -> String {
        let g = ZoneGraph::build_without(p, Some(c.id));
        let mut created: Vec<String> = Vec::new();
        for e in &p.entry_points {
            let after = full.reachable_from(e.id);
            let before = g.reachable_from(e.id);
            let mut zones: Vec<_> = after
                .iter()
                .filter(|(z, h)| before.get(*z).is_none_or(|b| b > *h))
                .map(|(z, h)| (p.zones.iter().position(|x| x.id == *z), *z, *h))
                .collect();
            zones.sort();
            for (_, z, h) in zones {
                let was = before
                    .get(&z)
                    .map_or_else(|| ctx.t("xl.unreachable"), |b| b.to_string());
                created.push(format!("{} → {} ({was} → {h})", e.name, ctx.zone_name(z)));
            }
        }
        created.join("\n")
    };
    let columns = vec![
        C::new(ctx, "xl.col.conduit", 22.0, |c| c.name.as_str().into()),
        C::new(ctx, "xl.col.from", 18.0, |c| ctx.end_name(c.from).into()),
        C::new(ctx, "xl.col.to", 18.0, |c| ctx.end_name(c.to).into()),
        C::new(ctx, "xl.col.channels", 30.0, |c| {
            channel_text(ctx, c).into()
        }),
        C::new(ctx, "xl.col.open_ports", 16.0, |c| {
            c.channels
                .iter()
                .map(|ch| format!("{} {}", ch.protocol, ch.port).trim().to_owned())
                .collect::<Vec<_>>()
                .join("\n")
                .into()
        }),
        C::new(ctx, "xl.col.boundary_present", 8.0, |c| {
            ctx.yes(c.has_blocking_boundary()).into()
        }),
        C::new(ctx, "xl.col.new_paths", 44.0, move |c| created(c).into()),
        C::new(ctx, "xl.col.notes", 14.0, |c| {
            matches!(c.from, Endpoint::Entry(_))
                .then(|| ctx.t("xl.external_connection"))
                .unwrap_or_default()
                .into()
        }),
    ];
    let (cols, rows) = tabulate(
        columns,
        p.conduits
            .iter()
            .filter(|c| c.introduced_by_delivery)
            .map(|c| (c.id.to_string(), c)),
    );
    Table {
        name: ctx.t("xl.sheet.network"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

pub(super) fn ooda(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, OodaRole>;
    let columns = vec![
        C::new(ctx, "xl.col.phase", 12.0, |o| {
            ctx.t(&format!("xl.ooda.{}", serde_key(&o.phase))).into()
        }),
        C::new(ctx, "xl.col.ooda_step", 10.0, |o| {
            ctx.t(&format!("xl.ooda.{}", serde_key(&o.step))).into()
        }),
        C::new(ctx, "xl.col.department", 20.0, |o| {
            o.department.as_str().into()
        }),
        C::new(ctx, "xl.col.decider", 22.0, |o| {
            o.decision_maker.as_str().into()
        }),
        C::new(ctx, "xl.col.actions", 36.0, |o| o.actions.as_str().into()),
        C::new(ctx, "xl.col.party", 9.0, |o| party(ctx, o.party).into()),
        C::new(ctx, "xl.col.person", 22.0, |o| o.person.as_str().into()),
        C::new(ctx, "xl.col.contact", 14.0, |o| o.contact.as_str().into()),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.project.ooda_roles.iter().map(|o| (o.id.to_string(), o)),
    );
    Table {
        name: ctx.t("xl.sheet.ooda"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

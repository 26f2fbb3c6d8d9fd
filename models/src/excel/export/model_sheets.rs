//! Sheets of guideline steps 1-1 … 1-7: requirements, businesses, protected assets (also the
//! 構成管理表 of the delivered system), zones, conduits, the zone diagram, threats and impact.

use super::columns::{tabulate, Column};
use super::Ctx;
use crate::excel::sheet::{page_setup, Cell, Table};
use crate::model::{
    BusinessProcess, Conduit, Criterion, Direction, Initiator, ProtectedAsset, SmartChange,
    ThreatScenario, Zone,
};
use rust_xlsxwriter::{Image, Workbook};

/// 改訂履歴: every recorded version with the register's figures and how they moved since the
/// version before, and — when the model changed after the last one — the working state being
/// exported, so that a reader never takes unrecorded changes for a recorded version.
pub(super) fn revisions(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, VersionRow>;
    let delta = |now: u32, before: Option<u32>| -> Cell {
        match before {
            None => Cell::Empty,
            Some(b) if now == b => "±0".into(),
            Some(b) if now > b => format!("+{}", now - b).into(),
            Some(b) => format!("-{}", b - now).into(),
        }
    };
    let mut versions: Vec<(String, VersionRow)> = Vec::new();
    let mut before: Option<(u32, u32)> = None;
    for r in &ctx.project.revisions {
        versions.push((
            r.id.to_string(),
            VersionRow {
                version: r.version.clone(),
                date: r.date.to_string(),
                summary: r.summary.clone(),
                author: r.author.clone(),
                risks: r.risks,
                above: r.above_tolerable,
                before,
                baseline: r.baseline.clone(),
            },
        ));
        before = Some((r.risks, r.above_tolerable));
    }
    if crate::revision::changed_since_last(ctx.project, ctx.baseline()) {
        versions.push((
            "WORKING".into(),
            VersionRow {
                version: format!("{} {}", ctx.project.meta.version, ctx.t("xl.rev.working"))
                    .trim()
                    .to_owned(),
                date: ctx.date.to_string(),
                summary: ctx.t("xl.rev.working_note"),
                author: ctx.project.meta.assessor.clone(),
                risks: ctx.analysis.risks.len() as u32,
                above: crate::revision::above_tolerable(ctx.analysis),
                before,
                baseline: ctx.baseline().to_owned(),
            },
        ));
    }
    let columns = vec![
        C::new(ctx, "xl.col.version", 10.0, |v| v.version.as_str().into()),
        C::new(ctx, "xl.col.date", 12.0, |v| v.date.as_str().into()),
        C::new(ctx, "xl.col.summary", 48.0, |v| v.summary.as_str().into()),
        C::new(ctx, "xl.col.author", 14.0, |v| v.author.as_str().into()),
        C::new(ctx, "xl.col.risk_count", 10.0, |v| {
            Cell::Num(f64::from(v.risks))
        }),
        C::new(ctx, "xl.col.above_tolerable", 16.0, |v| {
            Cell::Num(f64::from(v.above))
        }),
        C::new(ctx, "xl.col.delta_risks", 15.0, move |v| {
            delta(v.risks, v.before.map(|b| b.0))
        }),
        C::new(ctx, "xl.col.delta_above", 14.0, move |v| {
            delta(v.above, v.before.map(|b| b.1))
        }),
        C::new(ctx, "xl.col.baseline", 20.0, |v| v.baseline.as_str().into()),
    ];
    let (cols, rows) = tabulate(columns, versions.iter().map(|(id, v)| (id.clone(), v)));
    Table {
        name: ctx.t("xl.sheet.revisions"),
        cols,
        rows,
        customer: false,
        editable: vec![],
    }
}

/// A row of 改訂履歴: a recorded version, or the working state when it differs from the last
/// one, with the figures of the version before it.
struct VersionRow {
    version: String,
    date: String,
    summary: String,
    author: String,
    risks: u32,
    above: u32,
    before: Option<(u32, u32)>,
    baseline: String,
}

/// 要件 (step 1-1): the general requirements (goals, purpose, impact, governance, BCP), then
/// each requirement item and each stakeholder, one line each.
pub(super) fn requirements(ctx: &Ctx<'_>) -> Table {
    let r = &ctx.project.requirements;
    let general = [
        ("REQ-GOALS", "xl.req.goals", &r.business_goals),
        ("REQ-PURPOSE", "xl.req.purpose", &r.smart_factory_purpose),
        ("REQ-IMPACT", "xl.req.impact", &r.incident_impact),
        ("REQ-GOVERNANCE", "xl.req.governance", &r.governance),
    ];
    let titles: Vec<String> = general.iter().map(|(_, key, _)| ctx.t(key)).collect();
    let bcp = ctx.t(&format!("xl.bcp.{}", serde_key(&r.bcp.status)));
    type C<'c, 'r> = Column<'c, RequirementLine<'r>>;
    let columns: Vec<C> = vec![
        C::new(ctx, "xl.col.kind", 16.0, |l| l.kind.as_str().into()),
        C::new(ctx, "xl.col.title", 28.0, |l| l.title.into()),
        C::new(ctx, "xl.col.detail", 60.0, |l| l.detail.as_ref().into()),
        C::new(ctx, "xl.col.source", 24.0, |l| l.source.into()),
        C::new(ctx, "xl.col.owner", 16.0, |l| l.owner.into()),
        C::new(ctx, "xl.col.status", 12.0, |l| l.status.into()),
    ];
    let mut lines: Vec<(String, RequirementLine)> = general
        .iter()
        .zip(&titles)
        .map(|((id, _, text), title)| {
            let line = RequirementLine {
                kind: title.clone(),
                title,
                detail: text.as_str().into(),
                ..RequirementLine::default()
            };
            ((*id).to_owned(), line)
        })
        .collect();
    lines.push((
        "REQ-BCP".into(),
        RequirementLine {
            kind: ctx.t("xl.req.bcp"),
            title: &bcp,
            detail: r.bcp.notes.as_str().into(),
            ..RequirementLine::default()
        },
    ));
    lines.extend(r.items.iter().map(|q| {
        let line = RequirementLine {
            kind: ctx.t(&format!("xl.reqkind.{}", serde_key(&q.kind))),
            title: &q.title,
            detail: q.detail.as_str().into(),
            source: &q.source,
            owner: &q.owner,
            status: &q.status,
        };
        (q.id.to_string(), line)
    }));
    lines.extend(r.stakeholders.iter().map(|s| {
        let kind = if s.internal {
            "xl.req.stakeholder_internal"
        } else {
            "xl.req.stakeholder_external"
        };
        // A stakeholder's role, then its organisation and contact, each named: the sheet's
        // source and owner columns are a requirement's, not a person's.
        let mut detail = s.role.clone();
        for (key, value) in [
            ("xl.req.organisation", &s.organisation),
            ("xl.col.contact", &s.contact),
        ] {
            if !value.is_empty() {
                if !detail.is_empty() {
                    detail.push('\n');
                }
                detail += &format!("{}: {value}", ctx.t(key));
            }
        }
        let line = RequirementLine {
            kind: ctx.t(kind),
            title: &s.name,
            detail: detail.into(),
            ..RequirementLine::default()
        };
        (s.id.to_string(), line)
    }));
    let (cols, rows) = tabulate(columns, lines.iter().map(|(id, l)| (id.clone(), l)));
    Table {
        name: ctx.t("xl.sheet.requirements"),
        cols,
        rows,
        customer: false,
        editable: vec![],
    }
}

/// One line of 要件.
#[derive(Default)]
struct RequirementLine<'r> {
    kind: String,
    title: &'r str,
    detail: std::borrow::Cow<'r, str>,
    source: &'r str,
    owner: &'r str,
    status: &'r str,
}

/// The snake_case wire name of a serde enum value.
pub(super) fn serde_key<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(super) fn businesses(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, BusinessProcess>;
    let importance = |b: &BusinessProcess| b.importance();
    let mut columns = vec![
        C::new(ctx, "xl.col.business", 22.0, |b| b.name.as_str().into()),
        C::new(ctx, "xl.col.department", 14.0, |b| {
            b.department.as_str().into()
        }),
        C::new(ctx, "xl.col.description", 36.0, |b| {
            b.description.as_str().into()
        }),
        C::new(ctx, "xl.col.smart_change", 12.0, |b| match b.smart_change {
            SmartChange::None => Cell::Empty,
            other => ctx.t(&format!("xl.smart.{}", serde_key(&other))).into(),
        }),
    ];
    for cr in Criterion::ALL {
        columns.push(C::headed(cr.label(ctx.lang).to_owned(), 7.0, move |b| {
            b.scores.get(cr).map_or(Cell::Empty, |l| l.value().into())
        }));
    }
    columns.extend([
        C::new(ctx, "xl.col.importance", 10.0, move |b| {
            match importance(b) {
                Some((l, _)) => ctx.level(l).into(),
                None => ctx.t("xl.unset").into(),
            }
        }),
        C::new(ctx, "xl.col.deciding", 10.0, move |b| match importance(b) {
            Some((_, cr)) => cr.label(ctx.lang).into(),
            None => Cell::Empty,
        }),
        C::new(ctx, "xl.col.rationale", 36.0, |b| {
            b.rationale.as_str().into()
        }),
    ]);
    let (cols, rows) = tabulate(
        columns,
        ctx.project.businesses.iter().map(|b| (b.id.to_string(), b)),
    );
    Table {
        name: ctx.t("xl.sheet.businesses"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

pub(super) fn assets(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, ProtectedAsset>;
    let ids = &ctx.ids;
    let importance = |a: &ProtectedAsset| ctx.analysis.importances.assets.get(&a.id);
    let columns = vec![
        C::new(ctx, "xl.col.ref", 7.0, |a| {
            crate::model::numbering::asset_label(a.number).into()
        }),
        C::new(ctx, "xl.col.asset", 22.0, |a| a.name.as_str().into()),
        C::new(ctx, "xl.col.asset_type", 18.0, |a| {
            ctx.catalogue
                .asset_type(&a.asset_type)
                .map_or_else(
                    || a.asset_type.clone(),
                    |t| ctx.pick(&t.ja, &t.en).to_owned(),
                )
                .into()
        }),
        C::new(ctx, "xl.col.vendor", 12.0, |a| a.vendor.as_str().into()),
        C::new(ctx, "xl.col.model", 14.0, |a| a.model.as_str().into()),
        C::new(ctx, "xl.col.firmware", 16.0, |a| a.firmware.as_str().into()),
        C::new(ctx, "xl.col.address", 14.0, |a| a.address.as_str().into()),
        C::new(ctx, "xl.col.location", 14.0, |a| a.location.as_str().into()),
        C::new(ctx, "xl.col.zone", 18.0, |a| {
            a.zone.map(|z| ctx.zone_name(z)).unwrap_or_default().into()
        }),
        C::new(ctx, "xl.col.businesses", 22.0, |a| {
            a.businesses
                .iter()
                .filter_map(|b| ids.business_names.get(b).copied())
                .collect::<Vec<_>>()
                .join("、")
                .into()
        }),
        C::new(ctx, "xl.col.derived", 8.0, move |a| {
            importance(a)
                .and_then(|i| i.derived)
                .map_or(Cell::Empty, |l| l.value().into())
        }),
        C::new(ctx, "xl.col.importance", 9.0, move |a| {
            importance(a).map_or(Cell::Empty, |i| ctx.level(i.level).into())
        }),
        C::new(ctx, "xl.col.importance_basis", 34.0, move |a| {
            importance(a)
                .map(|i| i.explain(ctx.lang))
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.generic", 7.0, |a| {
            ctx.yes(a.generic_product).into()
        }),
        C::new(ctx, "xl.col.delivered", 7.0, |a| {
            ctx.yes(a.delivered).into()
        }),
        C::new(ctx, "xl.col.supplier", 16.0, |a| {
            a.supplier
                .and_then(|s| ids.supplier_names.get(&s).copied())
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.support_end", 11.0, |a| {
            a.support_end
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.protocols", 16.0, |a| {
            a.protocols.join(", ").into()
        }),
        C::new(ctx, "xl.col.software", 18.0, |a| a.software.as_str().into()),
        C::new(ctx, "xl.col.notes", 20.0, |a| a.notes.as_str().into()),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.project.assets.iter().map(|a| (a.id.to_string(), a)),
    );
    Table {
        name: ctx.t("xl.sheet.assets"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

pub(super) fn zones(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, Zone>;
    let ids = &ctx.ids;
    let members = |z: &Zone| -> &[&ProtectedAsset] {
        ids.assets_in_zone.get(&z.id).map_or(&[], Vec::as_slice)
    };
    // The zone's businesses, then those of its assets, each once.
    let businesses = move |z: &Zone| -> String {
        let mut bs: Vec<&str> = z
            .businesses
            .iter()
            .filter_map(|b| ids.business_names.get(b).copied())
            .collect();
        for a in members(z) {
            for b in &a.businesses {
                if let Some(n) = ids.business_names.get(b) {
                    if !bs.contains(n) {
                        bs.push(n);
                    }
                }
            }
        }
        bs.join("、")
    };
    let columns = vec![
        C::new(ctx, "xl.col.zone", 20.0, |z| z.name.as_str().into()),
        C::new(ctx, "xl.col.purpose", 24.0, |z| z.purpose.as_str().into()),
        C::new(ctx, "xl.col.parent", 14.0, |z| {
            z.parent
                .map(|x| ctx.zone_name(x))
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.safety", 7.0, |z| ctx.yes(z.safety).into()),
        C::new(ctx, "xl.col.external", 7.0, |z| ctx.yes(z.external).into()),
        C::new(ctx, "xl.col.asset_count", 7.0, move |z| {
            members(z).len().into()
        }),
        C::new(ctx, "xl.col.members", 30.0, move |z| {
            members(z)
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
                .into()
        }),
        C::new(ctx, "xl.col.businesses", 24.0, move |z| {
            businesses(z).into()
        }),
        C::new(ctx, "xl.col.importance", 9.0, |z| {
            ctx.analysis
                .importances
                .zones
                .get(&z.id)
                .map_or(Cell::Empty, |l| ctx.level(*l).into())
        }),
        C::new(ctx, "xl.col.sl_t", 8.0, |z| z.sl_t.describe().into()),
        C::new(ctx, "xl.col.sl_a", 8.0, |z| {
            z.sl_a.map(|s| s.describe()).unwrap_or_default().into()
        }),
        C::new(ctx, "xl.col.policy", 34.0, |z| z.policy.as_str().into()),
        C::new(ctx, "xl.col.requirements", 30.0, |z| {
            z.security_requirements.as_str().into()
        }),
        C::new(ctx, "xl.col.accountable", 14.0, |z| {
            z.accountable.as_str().into()
        }),
        C::new(ctx, "xl.col.area", 14.0, |z| {
            z.physical_area.as_str().into()
        }),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.project.zones.iter().map(|z| (z.id.to_string(), z)),
    );
    Table {
        name: ctx.t("xl.sheet.zones"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

pub(super) fn channel_text(ctx: &Ctx<'_>, c: &crate::model::Conduit) -> String {
    c.channels
        .iter()
        .map(|ch| {
            let dir = match ch.direction {
                Some(Direction::Forward) => "→",
                Some(Direction::Reverse) => "←",
                Some(Direction::Both) => "↔",
                None => "?",
            };
            let init = match ch.initiator {
                Some(Initiator::From) => ctx.t("xl.init.from"),
                Some(Initiator::To) => ctx.t("xl.init.to"),
                Some(Initiator::Either) => ctx.t("xl.init.either"),
                None => String::new(),
            };
            let name = ctx
                .catalogue
                .protocols
                .iter()
                .find(|x| x.id == ch.protocol)
                .map_or(ch.protocol.as_str(), |x| x.name.as_str());
            let port = if ch.port.is_empty() {
                String::new()
            } else {
                format!("/{}", ch.port)
            };
            format!("{name}{port} {dir} {init} {}", ch.purpose)
                .trim()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn conduits(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, Conduit>;
    let boundary = |c: &Conduit| -> String {
        c.boundary
            .iter()
            .map(|b| {
                let dev = b
                    .device
                    .and_then(|d| ctx.ids.assets.get(&d))
                    .map(|a| format!(" ({})", a.name))
                    .unwrap_or_default();
                format!(
                    "{}{dev} {}",
                    ctx.t(&format!("xl.boundary.{}", serde_key(&b.kind))),
                    b.note
                )
                .trim()
                .to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let columns = vec![
        C::new(ctx, "xl.col.conduit", 22.0, |c| c.name.as_str().into()),
        C::new(ctx, "xl.col.from", 18.0, |c| ctx.end_name(c.from).into()),
        C::new(ctx, "xl.col.to", 18.0, |c| ctx.end_name(c.to).into()),
        C::new(ctx, "xl.col.channels", 36.0, |c| {
            channel_text(ctx, c).into()
        }),
        C::new(ctx, "xl.col.boundary", 26.0, move |c| boundary(c).into()),
        C::new(ctx, "xl.col.sl_t", 8.0, |c| {
            c.sl_t.map(|s| s.describe()).unwrap_or_default().into()
        }),
        C::new(ctx, "xl.col.sl_a", 8.0, |c| {
            c.sl_a.map(|s| s.describe()).unwrap_or_default().into()
        }),
        C::new(ctx, "xl.col.temporary", 7.0, |c| {
            ctx.yes(c.temporary).into()
        }),
        C::new(ctx, "xl.col.wireless", 7.0, |c| ctx.yes(c.wireless).into()),
        C::new(ctx, "xl.col.new", 8.0, |c| {
            ctx.yes(c.introduced_by_delivery).into()
        }),
        C::new(ctx, "xl.col.owner", 14.0, |c| c.owner.as_str().into()),
        C::new(ctx, "xl.col.notes", 24.0, |c| c.notes.as_str().into()),
    ];
    let (cols, rows) = tabulate(
        columns,
        ctx.project.conduits.iter().map(|c| (c.id.to_string(), c)),
    );
    Table {
        name: ctx.t("xl.sheet.conduits"),
        cols,
        rows,
        customer: true,
        editable: vec![],
    }
}

pub(super) fn diagram(wb: &mut Workbook, ctx: &Ctx<'_>, png: Vec<u8>) -> Result<(), String> {
    let name = ctx.t("xl.sheet.diagram");
    let ws = wb.add_worksheet();
    ws.set_name(&name).map_err(|e| e.to_string())?;
    page_setup(ws, &ctx.project.meta.name, &name, &ctx.print_note()).map_err(|e| e.to_string())?;
    // On A3: the diagram (about 1500 px wide) prints near full size, so its 16 px labels stay
    // readable (fitted to A4 they fell to about 5 pt).
    ws.set_paper_size(crate::excel::print::Paper::A3.code());
    ws.write_string(0, 0, ctx.t("xl.diagram.note"))
        .map_err(|e| e.to_string())?;
    let image = Image::new_from_buffer(&png)
        .map_err(|e| e.to_string())?
        .set_alt_text(ctx.t("xl.sheet.diagram"));
    ws.insert_image(2, 0, &image).map_err(|e| e.to_string())?;
    Ok(())
}

pub(super) fn threats(ctx: &Ctx<'_>) -> Table {
    type C<'c> = Column<'c, ThreatScenario>;
    let p = ctx.project;
    let threat = |t: &ThreatScenario| ctx.catalogue.threat(p, &t.threat);
    let mut columns = vec![
        C::new(ctx, "xl.col.zone", 18.0, |t| ctx.zone_name(t.zone).into()),
        C::new(ctx, "xl.col.threat_id", 8.0, |t| t.threat.as_str().into()),
        C::new(ctx, "xl.col.threat", 34.0, move |t| {
            threat(t)
                .as_ref()
                .map(|x| ctx.pick(&x.ja, &x.en).to_owned())
                .unwrap_or_default()
                .into()
        }),
        C::new(ctx, "xl.col.applicable", 7.0, |t| {
            ctx.t(if t.applicable { "xl.yes" } else { "xl.no" }).into()
        }),
        C::new(ctx, "xl.col.reason", 24.0, |t| t.reason.as_str().into()),
        C::new(ctx, "xl.col.entry_path", 24.0, |t| {
            t.entry_path.as_str().into()
        }),
        C::new(ctx, "xl.col.impacts", 30.0, |t| {
            t.impact_ids
                .iter()
                .map(|i| {
                    ctx.catalogue
                        .impacts
                        .iter()
                        .find(|x| &x.id == i)
                        .map_or(i.clone(), |x| format!("{i} {}", ctx.pick(&x.ja, &x.en)))
                })
                .collect::<Vec<_>>()
                .join("\n")
                .into()
        }),
    ];
    for cr in Criterion::ALL {
        columns.push(C::headed(cr.label(ctx.lang).to_owned(), 7.0, move |t| {
            t.impacts.get(cr).map_or(Cell::Empty, |l| l.value().into())
        }));
    }
    columns.extend([
        C::new(ctx, "xl.col.threat_level", 9.0, |t| {
            t.threat_level.map_or(Cell::Empty, |l| l.value().into())
        }),
        C::new(ctx, "xl.col.provenance", 22.0, move |t| {
            threat(t)
                .map(|x| {
                    let src = ctx
                        .catalogue
                        .source(&x.source)
                        .map(|s| ctx.pick(&s.ja, &s.en).to_owned())
                        .unwrap_or(x.source.clone());
                    format!("{} — {}", x.confidence.label(ctx.lang), src)
                })
                .unwrap_or_default()
                .into()
        }),
    ]);
    let (cols, rows) = tabulate(columns, p.threats.iter().map(|t| (t.id.to_string(), t)));
    Table {
        name: ctx.t("xl.sheet.threats"),
        cols,
        rows,
        customer: false,
        editable: vec![],
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::Catalogue;
    use crate::excel::export::{tables, ExportOptions};
    use crate::model::{IsoDate, Lang, Project, Stakeholder};
    use crate::risk::analyse;

    /// The 要件 sheet's line for a stakeholder, as text: (kind, title, detail, source, owner).
    fn stakeholder_line(s: Stakeholder, lang: Lang) -> Vec<String> {
        let mut p = Project::new("要件");
        let id = s.id.to_string();
        p.requirements.stakeholders.push(s);
        let a = analyse(&p, Catalogue::builtin());
        let options = ExportOptions {
            lang,
            date: IsoDate::parse("2026-12-02").unwrap(),
        };
        let name = crate::i18n::text(lang, "xl.sheet.requirements");
        let table = tables(&p, &a, &options)
            .into_iter()
            .find(|t| t.name == name)
            .expect("a 要件 sheet");
        let (_, cells) = table.rows.iter().find(|r| r.0 == id).expect("its line");
        cells.iter().take(5).map(|c| c.text()).collect()
    }

    /// A stakeholder is a person, not a requirement: its organisation and contact are named in
    /// the detail column under their own labels, and the requirement's source and owner
    /// columns stay empty (they used to hold the organisation and contact, reading as
    /// 出典: ファクトリークラウド株式会社).
    #[test]
    fn a_stakeholder_names_its_organisation_and_contact_in_the_detail() {
        let s = Stakeholder {
            id: crate::id::StakeholderId::derived("yamamoto"),
            name: "山本 恵".into(),
            internal: true,
            organisation: "品質保証部".into(),
            role: "HACCP記録の責任者".into(),
            contact: "内線 1234".into(),
        };
        assert_eq!(
            stakeholder_line(s.clone(), Lang::Ja),
            [
                "関係者(社内)",
                "山本 恵",
                "HACCP記録の責任者\n所属: 品質保証部\n連絡先: 内線 1234",
                "",
                ""
            ]
        );
        // Without a role or organisation, only what is known is written.
        let only_contact = Stakeholder {
            role: String::new(),
            organisation: String::new(),
            ..s
        };
        assert_eq!(
            stakeholder_line(only_contact, Lang::En)[2],
            "Contact: 内線 1234"
        );
    }
}

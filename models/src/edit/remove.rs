//! Removing items, with every reference to them: the one place the cascade is written. The
//! app's deletes (through the shell's `remove_items`), what-if and the CLI use it; the
//! integrity check ([`crate::integrity`]) refuses any reference it would have left.
//!
//! What happens to the items that referred to a removed one:
//!
//! | removed | referring item | becomes |
//! |---|---|---|
//! | zone | asset's zone, sub-zone's parent | unset |
//! | zone | conduit with an end in it | removed (and what referred to the conduit, below) |
//! | zone | threat scenario of the zone | removed |
//! | entry point | conduit with an end at it | removed |
//! | conduit | countermeasure's scope | without the conduit |
//! | zone, asset | countermeasure's scope | without it |
//! | zone, entry point, conduit, asset | countermeasure scoped only to what went | removed (an empty scope means the whole project: kept, it would count everywhere) |
//! | asset | vulnerability finding | kept, without the asset (what was found still happened) |
//! | asset | boundary control's device | unset (the control stays) |
//! | asset | business damage targeting it | removed (a damage is the compromise of its target) |
//! | asset | supply-chain answer about it | removed |
//! | business | asset's and zone's businesses | without it |
//! | countermeasure | treatment decision relying on it | without it |
//! | supplier | asset's supplier | unset |
//! | supplier | supply-chain answer about it | removed |
//!
//! Records keyed by a register row's text id (`T01@<asset>`: treatment decisions, customer
//! answers, inspection results) are kept: they are the record of what was decided and said,
//! and stay in the project file; the register and the workbook show only the rows that exist.

use crate::model::{Endpoint, Project};
use serde::Deserialize;
use std::collections::HashSet;
use uuid::Uuid;

/// The lists whose items the app removes, by their names in the project file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    /// 業務.
    Businesses,
    /// 保護対象.
    Assets,
    /// ゾーン.
    Zones,
    /// Entry points.
    EntryPoints,
    /// コンジット.
    Conduits,
    /// Threat scenarios.
    Threats,
    /// 対策.
    Countermeasures,
    /// OODA roles.
    OodaRoles,
    /// Suppliers.
    Suppliers,
    /// Supply-chain checklist answers.
    ChecklistAnswers,
    /// Business damages.
    Damages,
    /// Vulnerability findings.
    Vulnerabilities,
}

/// Remove the items `ids` of `collection` and every reference to them (see the module's
/// table). The number of items of `collection` removed.
pub fn remove(p: &mut Project, collection: Collection, ids: &[Uuid]) -> usize {
    // Countermeasures scoped to something: one whose whole scope goes with the removal is
    // removed too, since an empty scope would make it count for the whole project.
    let scoped: HashSet<Uuid> = match collection {
        Collection::Zones | Collection::EntryPoints | Collection::Conduits | Collection::Assets => {
            p.countermeasures
                .iter()
                .filter(|m| !m.scope.is_everywhere())
                .map(|m| m.id.0)
                .collect()
        }
        _ => HashSet::new(),
    };
    let removed = remove_with_references(p, collection, ids);
    let emptied: Vec<Uuid> = p
        .countermeasures
        .iter()
        .filter(|m| m.scope.is_everywhere() && scoped.contains(&m.id.0))
        .map(|m| m.id.0)
        .collect();
    if !emptied.is_empty() {
        remove_with_references(p, Collection::Countermeasures, &emptied);
    }
    removed
}

/// An id of `ids` that more than one item of `collection` has (a document the structural
/// check refuses): removing by it would take every copy, and which one is the stray cannot be
/// told, so a removal asks for none.
pub fn repeated(p: &Project, collection: Collection, ids: &[Uuid]) -> Option<Uuid> {
    macro_rules! ids {
        ($list:ident) => {
            p.$list.iter().map(|x| x.id.0).collect::<Vec<Uuid>>()
        };
    }
    let all = match collection {
        Collection::Businesses => ids!(businesses),
        Collection::Assets => ids!(assets),
        Collection::Zones => ids!(zones),
        Collection::EntryPoints => ids!(entry_points),
        Collection::Conduits => ids!(conduits),
        Collection::Threats => ids!(threats),
        Collection::Countermeasures => ids!(countermeasures),
        Collection::OodaRoles => ids!(ooda_roles),
        Collection::Suppliers => ids!(suppliers),
        Collection::ChecklistAnswers => ids!(checklist_answers),
        Collection::Damages => ids!(damages),
        Collection::Vulnerabilities => ids!(vulnerabilities),
    };
    let wanted: HashSet<Uuid> = ids.iter().copied().collect();
    let mut seen = HashSet::new();
    all.into_iter()
        .filter(|id| wanted.contains(id))
        .find(|id| !seen.insert(*id))
}

fn remove_with_references(p: &mut Project, collection: Collection, ids: &[Uuid]) -> usize {
    let gone: HashSet<Uuid> = ids.iter().copied().collect();
    macro_rules! take {
        ($list:ident) => {{
            let before = p.$list.len();
            p.$list.retain(|x| !gone.contains(&x.id.0));
            before - p.$list.len()
        }};
    }
    match collection {
        Collection::Businesses => {
            let n = take!(businesses);
            for a in &mut p.assets {
                a.businesses.retain(|b| !gone.contains(&b.0));
            }
            for z in &mut p.zones {
                z.businesses.retain(|b| !gone.contains(&b.0));
            }
            n
        }
        Collection::Assets => {
            let n = take!(assets);
            for v in &mut p.vulnerabilities {
                v.asset = v.asset.filter(|a| !gone.contains(&a.0));
            }
            for c in &mut p.conduits {
                for b in &mut c.boundary {
                    b.device = b.device.filter(|d| !gone.contains(&d.0));
                }
            }
            for m in &mut p.countermeasures {
                m.scope.assets.retain(|a| !gone.contains(&a.0));
            }
            p.damages.retain(|d| !gone.contains(&d.target.0));
            p.checklist_answers
                .retain(|c| c.asset.is_none_or(|a| !gone.contains(&a.0)));
            n
        }
        Collection::Zones => {
            let n = take!(zones);
            for a in &mut p.assets {
                a.zone = a.zone.filter(|z| !gone.contains(&z.0));
            }
            for z in &mut p.zones {
                z.parent = z.parent.filter(|z| !gone.contains(&z.0));
            }
            p.threats.retain(|t| !gone.contains(&t.zone.0));
            for m in &mut p.countermeasures {
                m.scope.zones.retain(|z| !gone.contains(&z.0));
            }
            remove_conduits_ending_in(p, &gone);
            n
        }
        Collection::EntryPoints => {
            let n = take!(entry_points);
            remove_conduits_ending_in(p, &gone);
            n
        }
        Collection::Conduits => {
            let n = take!(conduits);
            for m in &mut p.countermeasures {
                m.scope.conduits.retain(|c| !gone.contains(&c.0));
            }
            n
        }
        Collection::Countermeasures => {
            let n = take!(countermeasures);
            for d in &mut p.risk_decisions {
                d.relies_on.retain(|m| !gone.contains(&m.0));
            }
            n
        }
        Collection::Suppliers => {
            let n = take!(suppliers);
            for a in &mut p.assets {
                a.supplier = a.supplier.filter(|s| !gone.contains(&s.0));
            }
            p.checklist_answers
                .retain(|c| c.supplier.is_none_or(|s| !gone.contains(&s.0)));
            n
        }
        Collection::Threats => take!(threats),
        Collection::OodaRoles => take!(ooda_roles),
        Collection::ChecklistAnswers => take!(checklist_answers),
        Collection::Damages => take!(damages),
        Collection::Vulnerabilities => take!(vulnerabilities),
    }
}

/// Remove the conduits with an end in `ends` (zones or entry points), as conduits are removed.
fn remove_conduits_ending_in(p: &mut Project, ends: &HashSet<Uuid>) {
    let end = |e: &Endpoint| match e {
        Endpoint::Zone(z) => z.0,
        Endpoint::Entry(x) => x.0,
    };
    let conduits: Vec<Uuid> = p
        .conduits
        .iter()
        .filter(|c| ends.contains(&end(&c.from)) || ends.contains(&end(&c.to)))
        .map(|c| c.id.0)
        .collect();
    if !conduits.is_empty() {
        remove_with_references(p, Collection::Conduits, &conduits);
    }
}

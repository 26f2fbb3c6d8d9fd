//! "What if": the smart-factory change review seed 002 asks for. Apply one change to a copy
//! of the project — add or remove a conduit or a countermeasure, change a countermeasure's
//! status or replace it with an edited copy (other threats, scope or responsibility) — and
//! report which risks and attack paths change.

use super::{analyse, Analysis};
use crate::catalogue::Catalogue;
use crate::edit::{self, Collection};
use crate::id::{ConduitId, EntryPointId, MeasureId, ZoneId};
use crate::model::{Conduit, Countermeasure, MeasureStatus, Project};
use serde::Serialize;
use std::collections::BTreeMap;

/// One change to try, as the app sends it (`{"kind": "add_conduit", "conduit": {…}}`).
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "WhatIfChange"))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// Add a conduit.
    AddConduit {
        /// The conduit.
        conduit: Conduit,
    },
    /// Remove a conduit, with what referred to it ([`edit::remove`]).
    RemoveConduit {
        /// Its id.
        id: ConduitId,
    },
    /// Add a countermeasure.
    AddMeasure {
        /// The countermeasure.
        measure: Countermeasure,
    },
    /// Remove a countermeasure, with what referred to it ([`edit::remove`]).
    RemoveMeasure {
        /// Its id.
        id: MeasureId,
    },
    /// Change a countermeasure's status.
    SetMeasureStatus {
        /// Its id.
        id: MeasureId,
        /// The new status.
        status: MeasureStatus,
    },
    /// Replace the countermeasure with the same id by this edited copy (added when absent),
    /// e.g. one more threat covered.
    ReplaceMeasure {
        /// The edited countermeasure.
        measure: Countermeasure,
    },
}

/// The figures of a register row that a change can move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RiskFigures {
    /// Threat level used.
    pub threat: u8,
    /// Inherent risk value.
    pub inherent: String,
    /// Planned risk value.
    pub planned: String,
    /// Residual risk value.
    pub residual: String,
}

/// A register row whose figures change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RiskChange {
    /// Risk id.
    pub id: String,
    /// Before; `None` when the row is new.
    pub before: Option<RiskFigures>,
    /// After; `None` when the row disappears.
    pub after: Option<RiskFigures>,
}

/// An attack path whose reachability, length or count changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PathChange {
    /// Entry point.
    pub entry: EntryPointId,
    /// Target zone.
    pub target_zone: ZoneId,
    /// Shortest hops before.
    pub hops_before: Option<u32>,
    /// Shortest hops after.
    pub hops_after: Option<u32>,
    /// Simple paths before.
    pub paths_before: u32,
    /// Simple paths after.
    pub paths_after: u32,
}

/// The difference a change makes.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WhatIf {
    /// Changed risks, in register order of the result.
    pub risks: Vec<RiskChange>,
    /// Changed attack paths.
    pub paths: Vec<PathChange>,
}

/// Apply `change` to a copy of `project`.
pub fn apply(project: &Project, change: &Change) -> Project {
    let mut p = project.clone();
    match change {
        Change::AddConduit { conduit } => p.conduits.push(conduit.clone()),
        Change::RemoveConduit { id } => {
            edit::remove(&mut p, Collection::Conduits, &[id.0]);
        }
        Change::AddMeasure { measure } => p.countermeasures.push(measure.clone()),
        Change::RemoveMeasure { id } => {
            edit::remove(&mut p, Collection::Countermeasures, &[id.0]);
        }
        Change::SetMeasureStatus { id, status } => {
            for m in p.countermeasures.iter_mut().filter(|m| m.id == *id) {
                m.status = *status;
            }
        }
        Change::ReplaceMeasure { measure: m } => {
            match p.countermeasures.iter_mut().find(|x| x.id == m.id) {
                Some(x) => *x = m.clone(),
                None => p.countermeasures.push(m.clone()),
            }
        }
    }
    p
}

/// Compare two analyses.
pub fn diff(before: &Analysis, after: &Analysis) -> WhatIf {
    let fig = |a: &Analysis| -> BTreeMap<String, RiskFigures> {
        a.risks
            .iter()
            .map(|r| {
                let f = RiskFigures {
                    threat: r.inherent.threat.value(),
                    inherent: r.inherent.risk.value.to_string(),
                    planned: r.planned.risk.value.to_string(),
                    residual: r.residual.risk.value.to_string(),
                };
                (r.id.clone(), f)
            })
            .collect()
    };
    let (b, a) = (fig(before), fig(after));
    let mut risks = Vec::new();
    for r in &after.risks {
        let old = b.get(&r.id).cloned();
        let new = a.get(&r.id).cloned();
        if old != new {
            risks.push(RiskChange {
                id: r.id.clone(),
                before: old,
                after: new,
            });
        }
    }
    for r in &before.risks {
        if !a.contains_key(&r.id) {
            risks.push(RiskChange {
                id: r.id.clone(),
                before: b.get(&r.id).cloned(),
                after: None,
            });
        }
    }
    let key = |p: &crate::graph::attack_path::AttackPath| (p.entry, p.target_zone);
    let old: BTreeMap<_, _> = before
        .attack_paths
        .iter()
        .map(|p| (key(p), (p.hops, p.simple_paths)))
        .collect();
    let mut paths = Vec::new();
    for p in after.attack_paths.iter() {
        let (hops_before, paths_before) = old.get(&key(p)).copied().unwrap_or((None, 0));
        if (hops_before, paths_before) != (p.hops, p.simple_paths) {
            paths.push(PathChange {
                entry: p.entry,
                target_zone: p.target_zone,
                hops_before,
                hops_after: p.hops,
                paths_before,
                paths_after: p.simple_paths,
            });
        }
    }
    WhatIf { risks, paths }
}

/// Analyse `project` before and after `change`.
pub fn what_if(project: &Project, catalogue: &Catalogue, change: &Change) -> WhatIf {
    diff(
        &analyse(project, catalogue),
        &analyse(&apply(project, change), catalogue),
    )
}

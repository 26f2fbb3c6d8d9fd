//! Attack scenarios for the business-damage view (IPA 事業被害ベース, domain brief §2.4).
//!
//! For each business damage and its target asset, candidate attack trees follow the zone graph
//! from every entry point to the target's zone, one step per zone entered. A step's
//! countermeasure level comes from the counted measures on the zone entered and on the conduit
//! used to enter it; the tree's level is the strongest among its steps (one strong step stops
//! the route); vulnerability = 4 − that; risk = table(damage level, threat level, vulnerability).
//! The tree's threat level follows its entry point (P): remote entry points 3; media, vendor
//! PCs, wireless and the corporate network 2; physical access 1; one lower when a step between
//! zones rides a response to a session the attacker's side does not open (a harder hop, see
//! [`crate::graph`]). Each step records the conduit and channel it crosses. Trees the analyst
//! pruned stay listed, marked as pruned, and are left out of the damage's worst case.

use super::coverage::{MeasureIndex, State};
use super::method::{RiskValue, Table};
use crate::catalogue::RiskMethod;
use crate::graph::attack_path::{simple_paths, PathSteps};
use crate::graph::{Hop, ZoneGraph};
use crate::id::{ConduitId, DamageId, EntryPointId, ZoneId};
use crate::model::{EntryKind, Level, Project};
use serde::Serialize;

/// Attack trees listed per entry point and damage, at most.
pub const TREES_PER_ENTRY: usize = 6;
/// Longest tree (zones entered).
pub const MAX_STEPS: u32 = 8;

/// One step: a zone entered through a conduit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreeStep {
    /// Zone entered.
    pub zone: ZoneId,
    /// Conduit used.
    pub via: ConduitId,
    /// How the conduit was crossed (channel, initiated or response-only, boundary control).
    pub hop: Hop,
    /// Countermeasure level in the inherent, planned and residual states.
    pub levels: [Level; 3],
}

/// A tree's figures in one state.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreeAssessment {
    /// Strongest step.
    pub countermeasure: Level,
    /// 4 − countermeasure.
    pub vulnerability: Level,
    /// Risk value.
    pub risk: RiskValue,
}

/// A candidate attack tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttackTree {
    /// Stable key `damage/entry/zone>zone>…`, used to prune.
    pub key: String,
    /// The damage.
    pub damage: DamageId,
    /// Entry point.
    pub entry: EntryPointId,
    /// Its kind.
    pub entry_kind: EntryKind,
    /// Threat level of the tree.
    pub threat: Level,
    /// The threat level was lowered by one because a step between zones rides a response.
    pub response_hop: bool,
    /// Steps.
    pub steps: Vec<TreeStep>,
    /// Pruned by the analyst.
    pub pruned: bool,
    /// Without countermeasures.
    pub inherent: TreeAssessment,
    /// With planned countermeasures.
    pub planned: TreeAssessment,
    /// With agreed and implemented countermeasures.
    pub residual: TreeAssessment,
}

/// Threat level of a tree entering at `kind` (P).
pub fn entry_threat(kind: EntryKind) -> Level {
    match kind {
        k if k.is_remote() => Level::High,
        EntryKind::Physical => Level::Low,
        _ => Level::Medium,
    }
}

/// Most attack trees in one analysis. A real factory has tens of damages and entry points
/// (hundreds of trees); a 1.5 MB project file with 2,000 damages and 300 entry points asked for
/// millions and gigabytes. Past the cap the trees of the damages listed first are kept
/// (deterministic).
pub const MAX_TREES: usize = 20_000;

/// All candidate trees for every damage, in damage order then entry order (at most
/// [`MAX_TREES`]). Paths are found once per entry point and target zone, however many damages
/// share that zone.
pub fn build(
    project: &Project,
    graph: &ZoneGraph,
    measures: &MeasureIndex,
    method: &RiskMethod,
) -> Vec<AttackTree> {
    let mut out = Vec::new();
    let table = Table::new(method);
    let mut paths: std::collections::HashMap<(EntryPointId, ZoneId), Vec<PathSteps>> =
        std::collections::HashMap::new();
    for d in &project.damages {
        if out.len() >= MAX_TREES {
            break;
        }
        let Some(target_zone) = project
            .assets
            .iter()
            .find(|a| a.id == d.target)
            .and_then(|a| a.zone)
        else {
            continue;
        };
        for e in &project.entry_points {
            let found = paths.entry((e.id, target_zone)).or_insert_with(|| {
                simple_paths(graph, e.id, target_zone, MAX_STEPS, TREES_PER_ENTRY)
            });
            for path in found.iter() {
                if out.len() >= MAX_TREES {
                    break;
                }
                let steps: Vec<TreeStep> = path
                    .zones
                    .iter()
                    .zip(path.hops())
                    .map(|(z, hop)| {
                        let covering = measures.for_step(*z, Some(hop.conduit));
                        let level = |s: State| MeasureIndex::level(measures.counted(&covering, s));
                        TreeStep {
                            zone: *z,
                            via: hop.conduit,
                            hop,
                            levels: [
                                level(State::Inherent),
                                level(State::Planned),
                                level(State::Residual),
                            ],
                        }
                    })
                    .collect();
                let response_hop = path.needs_response_hop();
                let threat = if response_hop {
                    Level::clamped(i32::from(entry_threat(e.kind).value()) - 1)
                } else {
                    entry_threat(e.kind)
                };
                let assess = |i: usize| {
                    let countermeasure = steps
                        .iter()
                        .map(|s| s.levels[i])
                        .max()
                        .unwrap_or(Level::Low);
                    let vulnerability = countermeasure.inverse();
                    TreeAssessment {
                        countermeasure,
                        vulnerability,
                        risk: table.lookup(d.level, threat, vulnerability),
                    }
                };
                let key = format!(
                    "{}/{}/{}",
                    d.id.short(),
                    e.id.short(),
                    path.zones
                        .iter()
                        .map(|z| z.short())
                        .collect::<Vec<_>>()
                        .join(">")
                );
                out.push(AttackTree {
                    pruned: d.pruned.contains(&key),
                    key,
                    damage: d.id,
                    entry: e.id,
                    entry_kind: e.kind,
                    threat,
                    response_hop,
                    inherent: assess(0),
                    planned: assess(1),
                    residual: assess(2),
                    steps,
                });
            }
        }
    }
    out
}

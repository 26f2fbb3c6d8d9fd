//! The analysis after an edit, reusing the analysis before it where the edit did not reach.
//!
//! An edit in the app usually changes one asset or one treatment decision of a factory with
//! thousands. The register rows of the other assets and the attack paths then come out as
//! they were, and working them out again is most of an analysis (the L factory: 41 of 81 ms
//! for the register, 30 ms for the paths). [`super::analyse_since`] takes them from the previous
//! analysis when the edit cannot have changed them, and works out everything else (the
//! importances, the graph, the roll-ups, the attack trees, the SL gaps and every validation
//! rule) as [`super::analyse`] does. Its result is the one `analyse` gives: the rules below
//! decide only what is reused, never a figure, and the tests and the app's check mode hold
//! it to `analyse` on every kind of edit.
//!
//! What each reused part reads, and so what must not have changed for it to be reused:
//!
//! | part | reads | reused when |
//! |---|---|---|
//! | register rows of an asset | the asset, its importance, the businesses' scores, its zone's step 1-7 records and exposure, the countermeasures covering it, the settings, the project's own threats, the assessment period, the decisions on its rows | none of settings, custom, businesses, zones, entry points, conduits, step 1-7 changed; the assets and countermeasures only replaced in place; the period the same. Then only these assets are built again: those edited, those with a decision taken out or put in, those a changed countermeasure covered before or covers after (the assets it names, the assets of the zones it names and of the zones at the ends of the conduits it names; a measure scoped nowhere counts everywhere and rebuilds the whole register), and, as a safety net, any whose importance moved (today an importance moves only with its asset's own fields or the businesses, which rebuild the whole register) |
//! | attack paths | zones, entry points and conduits (the zone graph), the conduits a countermeasure protects (from the countermeasures and the project's own measure definitions), the zones holding an asset of importance 3 and those assets | none of zones, entry points, conduits changed, and the protected conduits and the target zones with their assets are the same |
//!
//! An edit of many assets at once (a pasted column) rebuilds the whole register: past a
//! quarter of the assets, rebuilding them one by one is no faster.

use super::Analysis;
use crate::derive::Importances;
use crate::edit::Touched;
use crate::graph::attack_path::Targets;
use crate::id::{AssetId, ConduitId};
use crate::model::{Countermeasure, IsoDate, MeasureScope};
use rustc_hash::FxHashSet;
use std::collections::HashSet;

/// The analysis before an edit and what the edit touched.
///
/// `prev` must be the analysis (with the same catalogue) of the very project the edit was
/// applied to: the caller pairs them (the shell keeps the id of the document an analysis is
/// of, and checks the result against a whole analysis in its check mode).
#[derive(Debug, Clone, Copy)]
pub struct Since<'a> {
    /// The analysis of the project before the edit, with the same catalogue.
    pub prev: &'a Analysis,
    /// What the edit touched ([`crate::edit::apply_tracked`]).
    pub touched: &'a Touched,
}

/// What a later analysis compares with to reuse this one (not sent anywhere).
#[derive(Debug, Clone, Default)]
pub struct Memo {
    /// The end of the assessment period the register used.
    pub horizon: Option<IsoDate>,
    /// The zones the attack paths lead to, with their assets of importance 3.
    pub targets: Targets,
    /// The conduits a countermeasure protects (the attack paths treat them as controlled).
    pub protected: HashSet<ConduitId>,
    /// What this analysis reused of the one before it.
    pub reused: Reused,
}

/// What an analysis took from the one before it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reused {
    /// The register was worked out for this many assets only; the other rows were reused.
    pub register_rebuilt_for: Option<usize>,
    /// The attack paths were reused.
    pub attack_paths: bool,
}

/// Sections the register reads, other than the assets and the decisions (followed item by
/// item).
const REGISTER_READS: &[&str] = &[
    "settings",
    "custom",
    "businesses",
    "zones",
    "entry_points",
    "conduits",
    "threats",
];

/// Sections the attack paths read, other than the assets of importance 3 and the protected
/// conduits (compared as they are).
const PATHS_READ: &[&str] = &["zones", "entry_points", "conduits"];

/// What of the previous analysis can be kept.
pub(super) struct Plan {
    /// The assets whose register rows must be built again; `None`: the whole register.
    pub dirty_assets: Option<FxHashSet<AssetId>>,
    /// The attack paths can be kept.
    pub keep_paths: bool,
}

/// The asset a row id (`threat@asset`) names, if it names one.
fn asset_of_row(id: &str) -> Option<AssetId> {
    id.rsplit_once('@')?.1.parse().ok()
}

/// Add to `into` the assets `a` and `b` give different importances.
fn changed_importances(a: &Importances, b: &Importances, into: &mut FxHashSet<AssetId>) {
    for (id, imp) in &a.assets {
        if b.assets.get(id) != Some(imp) {
            into.insert(*id);
        }
    }
    for id in b.assets.keys() {
        if !a.assets.contains_key(id) {
            into.insert(*id);
        }
    }
}

/// What the edited project's analysis has worked out before it decides what to reuse.
pub(super) struct Now<'a> {
    pub project: &'a crate::model::Project,
    pub importances: &'a Importances,
    pub targets: &'a Targets,
    pub protected: &'a HashSet<ConduitId>,
    pub horizon: Option<&'a IsoDate>,
    pub assets: usize,
}

/// Whether two versions of a countermeasure differ in what a register row reads of it
/// ([`crate::risk::coverage::MeasureIndex::build`]): the catalogue measure, its category,
/// threats, scope, status, who carries it out and who operates it. Its number, detail,
/// evidence, notes, due date, payment and the parties it is shared with feed the workbook and
/// the findings (worked out whole), not a row.
fn rows_read_differ(a: &Countermeasure, b: &Countermeasure) -> bool {
    (&a.measure, a.category, &a.threats, &a.scope, a.status)
        != (&b.measure, b.category, &b.threats, &b.scope, b.status)
        || (a.responsibility, a.operator) != (b.responsibility, b.operator)
}

/// Add to `into` the assets countermeasures with these scopes cover (see
/// [`crate::risk::coverage::MeasureIndex`]); `None` when one counts everywhere.
fn covered<'s>(
    p: &crate::model::Project,
    scopes: impl Iterator<Item = &'s MeasureScope>,
    into: &mut FxHashSet<AssetId>,
) -> Option<()> {
    let mut zones: FxHashSet<crate::id::ZoneId> = FxHashSet::default();
    for s in scopes {
        if s.is_everywhere() {
            return None;
        }
        into.extend(s.assets.iter().copied());
        zones.extend(s.zones.iter().copied());
        for c in p.conduits.iter().filter(|c| s.conduits.contains(&c.id)) {
            for end in [c.from, c.to] {
                if let crate::model::Endpoint::Zone(z) = end {
                    zones.insert(z);
                }
            }
        }
    }
    into.extend(
        p.assets
            .iter()
            .filter(|a| a.zone.is_some_and(|z| zones.contains(&z)))
            .map(|a| a.id),
    );
    Some(())
}

/// What of `since.prev` the analysis of the edited project can keep.
pub(super) fn plan(since: Since<'_>, now: &Now<'_>) -> Plan {
    let (prev, t) = (since.prev, since.touched);
    let untouched = |sections: &[&str]| sections.iter().all(|s| !t.section(s));
    let keep_paths = untouched(PATHS_READ)
        && prev.memo.targets == *now.targets
        && prev.memo.protected == *now.protected;
    let dirty_assets = (|| {
        if !untouched(REGISTER_READS) || prev.memo.horizon.as_ref() != now.horizon {
            return None;
        }
        let mut dirty = t.assets_in_place()?.clone();
        dirty.extend(t.decision_rows()?.iter().filter_map(|id| asset_of_row(id)));
        if t.section("countermeasures") {
            let read = t
                .measures_in_place()?
                .iter()
                .filter(|(a, b)| rows_read_differ(a, b))
                .flat_map(|(a, b)| [&a.scope, &b.scope]);
            covered(now.project, read, &mut dirty)?;
        }
        changed_importances(now.importances, &prev.importances, &mut dirty);
        (dirty.len() * 4 <= now.assets).then_some(dirty)
    })();
    Plan {
        dirty_assets,
        keep_paths,
    }
}

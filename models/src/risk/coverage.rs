//! Which countermeasures cover an (asset, threat) pair, and the resulting countermeasure level.
//!
//! A countermeasure covers a pair when it names the threat (or names no threat: a general
//! measure) and its scope includes the asset — directly, through the asset's zone, through a
//! conduit touching that zone (only for threats that arrive over the network or wireless), or
//! because its scope is empty (project-wide).
//!
//! Countermeasure level (対策レベル) from the covering measures that lower vulnerability,
//! by IPA viewpoint (P, catalogue `countermeasure_level`): 3 when they include protection and
//! detection or business continuity, 2 when any is present, 1 when none.
//! Only `agreed`/`implemented` measures count for residual risk; `proposed` ones count for
//! planned risk; none count for inherent risk.

use crate::catalogue::Catalogue;
use crate::id::{AssetId, ZoneId};
use crate::model::{
    Endpoint, IpaView, Level, Lowers, MeasureCategory, MeasureStatus, Project, Responsibility,
    ThreatVector,
};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// Which countermeasures count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// No countermeasures (unmitigated, IEC 62443-3-2 ZCR 5.5).
    Inherent,
    /// Agreed, implemented and proposed countermeasures.
    Planned,
    /// Agreed and implemented countermeasures only.
    Residual,
}

impl State {
    /// All states in order.
    pub const ALL: [State; 3] = [State::Inherent, State::Planned, State::Residual];
    /// Does a measure with this status count in this state?
    pub fn counts(self, status: MeasureStatus) -> bool {
        match self {
            State::Inherent => false,
            State::Planned => status.counts_for_planned(),
            State::Residual => status.counts_for_residual(),
        }
    }
}

/// A project countermeasure with its catalogue facts resolved.
#[derive(Debug, Clone)]
pub struct ResolvedMeasure {
    /// Index in `project.countermeasures`.
    pub index: usize,
    /// Threat ids named (empty: all threats in scope).
    pub threats: Vec<String>,
    /// What it lowers.
    pub lowers: Vec<Lowers>,
    /// IPA viewpoints.
    pub views: Vec<IpaView>,
    /// Category.
    pub category: MeasureCategory,
    /// Status.
    pub status: MeasureStatus,
    /// Responsibility.
    pub responsibility: Option<Responsibility>,
    /// Who operates it after delivery, when different from the responsible party.
    pub operator: Option<Responsibility>,
    /// IEC 62443-3-3 FRs it addresses.
    pub fr: Vec<String>,
}

/// Countermeasures indexed by scope for fast coverage queries.
#[derive(Debug, Clone, Default)]
pub struct MeasureIndex {
    /// Resolved measures, in project order.
    pub measures: Vec<ResolvedMeasure>,
    by_asset: HashMap<AssetId, Vec<usize>>,
    by_zone: HashMap<ZoneId, Vec<usize>>,
    by_zone_via_conduit: HashMap<ZoneId, Vec<usize>>,
    by_conduit: HashMap<crate::id::ConduitId, Vec<usize>>,
    global: Vec<usize>,
}

impl MeasureIndex {
    /// Resolve and index the project's countermeasures.
    ///
    /// # Complexity
    /// O(M·s) for M measures with scopes of size s.
    pub fn build(project: &Project, catalogue: &Catalogue) -> Self {
        let conduit_zones: HashMap<_, Vec<ZoneId>> = project
            .conduits
            .iter()
            .map(|c| {
                let zones = [c.from, c.to]
                    .into_iter()
                    .filter_map(|e| match e {
                        Endpoint::Zone(z) => Some(z),
                        Endpoint::Entry(_) => None,
                    })
                    .collect();
                (c.id, zones)
            })
            .collect();
        let mut idx = MeasureIndex::default();
        for (i, m) in project.countermeasures.iter().enumerate() {
            let Some(cat) = catalogue.measure(project, &m.measure) else {
                continue;
            };
            let k = idx.measures.len();
            idx.measures.push(ResolvedMeasure {
                index: i,
                threats: m.threats.clone(),
                lowers: cat.lowers.clone(),
                views: cat.views.clone(),
                category: m.category.unwrap_or(cat.category),
                status: m.status,
                responsibility: m.responsibility,
                operator: m.operator,
                fr: cat.fr.clone(),
            });
            if m.scope.is_everywhere() {
                idx.global.push(k);
            }
            for a in &m.scope.assets {
                idx.by_asset.entry(*a).or_default().push(k);
            }
            for z in &m.scope.zones {
                idx.by_zone.entry(*z).or_default().push(k);
            }
            for c in &m.scope.conduits {
                idx.by_conduit.entry(*c).or_default().push(k);
                for z in conduit_zones.get(c).into_iter().flatten() {
                    let list = idx.by_zone_via_conduit.entry(*z).or_default();
                    if !list.contains(&k) {
                        list.push(k);
                    }
                }
            }
        }
        idx
    }

    /// Indices (into `measures`) of the measures covering an asset in a zone against a threat,
    /// in project order, without duplicates.
    pub fn covering(
        &self,
        asset: Option<AssetId>,
        zone: Option<ZoneId>,
        threat: &str,
        vector: ThreatVector,
    ) -> Vec<usize> {
        let via_network = matches!(vector, ThreatVector::Network | ThreatVector::Wireless);
        let mut out: Vec<usize> = Vec::new();
        let lists = [
            Some(&self.global),
            asset.and_then(|a| self.by_asset.get(&a)),
            zone.and_then(|z| self.by_zone.get(&z)),
            zone.filter(|_| via_network)
                .and_then(|z| self.by_zone_via_conduit.get(&z)),
        ];
        for list in lists.into_iter().flatten() {
            for &k in list {
                let m = &self.measures[k];
                if (m.threats.is_empty() || m.threats.iter().any(|t| t == threat))
                    && !out.contains(&k)
                {
                    out.push(k);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Whether any measure is scoped to this asset individually.
    pub fn has_asset_scope(&self, asset: AssetId) -> bool {
        self.by_asset.contains_key(&asset)
    }

    /// Indices of the measures protecting one step of an attack tree: the zone entered (its
    /// zone scope and project-wide measures) and the conduit used to enter it, any threat.
    pub fn for_step(&self, zone: ZoneId, via: Option<crate::id::ConduitId>) -> Vec<usize> {
        let mut out: Vec<usize> = self.global.clone();
        out.extend(self.by_zone.get(&zone).into_iter().flatten());
        out.extend(
            via.and_then(|c| self.by_conduit.get(&c))
                .into_iter()
                .flatten(),
        );
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Indices of the measures applying to a zone as a whole (global, zone, conduits into it).
    pub fn for_zone(&self, zone: ZoneId) -> Vec<usize> {
        let mut out: Vec<usize> = self.global.clone();
        out.extend(self.by_zone.get(&zone).into_iter().flatten());
        out.extend(self.by_zone_via_conduit.get(&zone).into_iter().flatten());
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Conduits controlled by an agreed or implemented network countermeasure scoped to them.
    /// Attack paths and the SL step-up rule both treat these like a blocking boundary.
    pub fn protected_conduits(
        &self,
        project: &Project,
    ) -> std::collections::HashSet<crate::id::ConduitId> {
        self.measures
            .iter()
            .filter(|m| m.category == MeasureCategory::Network && State::Residual.counts(m.status))
            .flat_map(|m| {
                project.countermeasures[m.index]
                    .scope
                    .conduits
                    .iter()
                    .copied()
            })
            .collect()
    }

    /// Indices of the measures scoped to a conduit.
    pub fn for_conduit(&self, conduit: crate::id::ConduitId) -> Vec<usize> {
        self.by_conduit.get(&conduit).cloned().unwrap_or_default()
    }

    /// Measures in `covering` that count in `state`.
    pub fn counted<'a>(
        &'a self,
        covering: &'a [usize],
        state: State,
    ) -> impl Iterator<Item = &'a ResolvedMeasure> + 'a {
        covering
            .iter()
            .map(|&k| &self.measures[k])
            .filter(move |m| state.counts(m.status))
    }

    /// The countermeasure level of the counted measures that lower vulnerability.
    pub fn level<'a>(measures: impl Iterator<Item = &'a ResolvedMeasure>) -> Level {
        let (mut any, mut protect, mut other) = (false, false, false);
        for m in measures.filter(|m| m.lowers.contains(&Lowers::Vulnerability)) {
            any = true;
            protect |= m.views.contains(&IpaView::Protect);
            other |= m
                .views
                .iter()
                .any(|v| matches!(v, IpaView::Detect | IpaView::Continue));
        }
        match (any, protect && other) {
            (_, true) => Level::High,
            (true, false) => Level::Medium,
            (false, _) => Level::Low,
        }
    }
}
